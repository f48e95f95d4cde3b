import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { EmptyState } from '../../components/EmptyState.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { brandsQuery } from '../tracking/api.ts';
import { useAllows } from '../use-allows.ts';
import { fraudRulesQuery } from './api.ts';
import { RuleForm } from './RuleForm.tsx';
import '../../customers/customers.css';

const route = getRouteApi('/admin/shell/fraud-rules');

export function validateRulesSearch(raw: Record<string, unknown>): { brand?: number } {
  const brand = Number(raw.brand);
  return Number.isInteger(brand) && brand > 0 && brand <= 2_147_483_647 ? { brand } : {};
}

/** A brand's five fraud rules: each off, flag or hold, with its settings. */
export function FraudRulesPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const write = useAllows('write');
  const brands = useQuery(brandsQuery);
  const list = brands.data?.data ?? [];
  const brandId = search.brand ?? list[0]?.id ?? 0;
  const rules = useQuery(fraudRulesQuery(brandId));

  return (
    <>
      <h1>Fraud rules</h1>
      <p className="muted">
        Rules never decide attribution and never drop an event: a match flags the customer, or holds it so its
        commissions wait for you. Each customer matches a rule once; a change applies to events recorded after
        it.
      </p>
      {brands.data && list.length === 0 && (
        <EmptyState
          title="No brands yet."
          action={
            <Link to="/admin/brands/new" className="button-link">
              Create a brand
            </Link>
          }
        >
          Fraud rules are set per brand.
        </EmptyState>
      )}
      {list.length > 0 && (
        <div className="panel filters">
          <SelectField
            label="Brand"
            value={String(brandId)}
            options={list.map((b) => ({ value: String(b.id), label: b.name }))}
            onChange={(v) => navigate({ search: { brand: Number(v) } })}
          />
        </div>
      )}
      {rules.isError && <p className="form-summary">{rules.error.message}</p>}
      {rules.data && (
        <fieldset className="rules" disabled={!write} key={brandId}>
          <legend className="visually-hidden">Rules of the brand</legend>
          {rules.data.data.map((rule) => (
            <RuleForm key={rule.rule} brandId={brandId} rule={rule} />
          ))}
        </fieldset>
      )}
    </>
  );
}
