import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import type { Column } from '../../components/DataTable.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { FilterBar, useFilterDraft } from '../../components/FilterBar.tsx';
import { NoMatch, PagedTable } from '../../components/PagedTable.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { TextField } from '../../components/TextField.tsx';
import { CurrencyPicker } from '../../reference/pickers.tsx';
import { defined, int, oneOf, text, YES_NO, type YesNo, yesNo } from '../list-params.ts';
import { brandsQuery, useBrandOptions } from '../tracking/api.ts';
import { useAllows } from '../use-allows.ts';
import { type Plan, plansQuery } from './api.ts';

const route = getRouteApi('/admin/shell/commission-plans');

export interface PlanSearch {
  brand?: number;
  currency?: string;
  status?: 'active' | 'archived';
  private?: YesNo;
  q?: string;
  page?: number;
}

export function validatePlanSearch(raw: Record<string, unknown>): PlanSearch {
  return defined({
    brand: int(raw.brand),
    currency: text(raw.currency, 8)?.toUpperCase(),
    status: oneOf(['active', 'archived'] as const, raw.status),
    private: yesNo(raw.private),
    q: text(raw.q),
    page: int(raw.page),
  });
}

const draftOf = (s: PlanSearch) => ({
  brand: s.brand ? String(s.brand) : '',
  currency: s.currency ?? '',
  status: s.status ?? '',
  private: s.private ?? '',
  q: s.q ?? '',
});

/** The deal type as a badge: Smartico's bit mask (CPL=1, CPA=2, RevShare Net P/L=4, Net deposits=8). */
export function DealType({ plan }: { plan: Pick<Plan, 'deal_type' | 'deal_type_id'> }) {
  return (
    <span className="badge" title={`deal_type_id ${plan.deal_type_id}`}>
      {plan.deal_type} · {plan.deal_type_id}
    </span>
  );
}

/** Commission plans by brand and name, filtered, each linking to its page. */
export function PlansPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const write = useAllows('write');
  const brandOptions = useBrandOptions();
  const brands = useQuery(brandsQuery).data?.data ?? [];
  const { draft, set } = useFilterDraft(search, draftOf);
  const list = useQuery(
    plansQuery({
      brand_id: search.brand,
      currency: search.currency,
      status: search.status,
      private: search.private === undefined ? undefined : search.private === 'yes' ? 'true' : 'false',
      q: search.q,
      page: search.page,
    }),
  );
  const brandName = (id: number) => brands.find((b) => b.id === id)?.name ?? `#${id}`;
  const columns: Column<Plan>[] = [
    {
      label: 'Name',
      cell: (p) => (
        <Link to="/admin/commission-plans/$id" params={{ id: String(p.id) }}>
          {p.name}
        </Link>
      ),
    },
    { label: 'Brand', cell: (p) => brandName(p.brand_id) },
    { label: 'Currency', cell: (p) => p.currency },
    { label: 'Deal type', cell: (p) => <DealType plan={p} /> },
    { label: 'Version', cell: (p) => `${p.current_version?.version ?? '—'} of ${p.latest_version}` },
    {
      label: 'Status',
      cell: (p) => <span className={p.status === 'active' ? 'badge badge-ok' : 'badge'}>{p.status}</span>,
    },
    {
      label: 'Private',
      cell: (p) => (p.is_private ? `Private (${p.private_affiliate_ids.length})` : 'Public'),
    },
  ];
  const filtered = Object.keys(search).some((k) => k !== 'page');
  return (
    <>
      <div className="page-heading">
        <h1>Commission plans</h1>
        {write && (
          <Link to="/admin/commission-plans/new" className="button-link">
            New commission plan
          </Link>
        )}
      </div>
      <p className="muted">
        What affiliates earn, per brand and currency: CPL, CPA, RevShare, sale share and sub-affiliate cuts.{' '}
        <Link to="/admin/plan-assignments">Who gets which plan</Link>
      </p>
      <FilterBar
        label="Filter commission plans"
        onApply={() =>
          navigate({
            search: validatePlanSearch({ ...draft }),
          })
        }
        onClear={() => navigate({ search: {} })}
      >
        <div className="grow">
          <TextField label="Name" type="search" value={draft.q} onChange={set('q')} />
        </div>
        <SelectField
          label="Brand"
          value={draft.brand}
          empty="Any brand"
          options={brandOptions}
          onChange={set('brand')}
        />
        <CurrencyPicker
          label="Currency"
          value={draft.currency}
          onChange={set('currency')}
          empty="Any currency"
        />
        <SelectField
          label="Status"
          value={draft.status}
          empty="Active or archived"
          options={[
            { value: 'active', label: 'Active' },
            { value: 'archived', label: 'Archived' },
          ]}
          onChange={set('status')}
        />
        <SelectField
          label="Visibility"
          value={draft.private}
          empty="Public or private"
          options={YES_NO('Private', 'Public')}
          onChange={set('private')}
        />
      </FilterBar>
      <PagedTable
        label="Commission plans"
        list={list}
        columns={columns}
        unit="plan"
        onPage={(page) => navigate({ search: (prev) => ({ ...prev, page }) })}
        empty={
          filtered ? (
            <NoMatch title="No commission plans match." onClear={() => navigate({ search: {} })}>
              Widen or clear the filters to see more.
            </NoMatch>
          ) : (
            <EmptyState
              title="No commission plans yet."
              action={
                write && (
                  <Link to="/admin/commission-plans/new" className="button-link">
                    Create your first plan
                  </Link>
                )
              }
            >
              A plan says what affiliates earn for the customers they bring: make one per brand and currency,
              then assign it as the brand's default or to affiliates.
            </EmptyState>
          )
        }
      />
    </>
  );
}
