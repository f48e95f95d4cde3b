import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { type Column, DataTable } from '../../components/DataTable.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { formatDateTime } from '../../format.ts';
import { int } from '../list-params.ts';
import { AffiliatePicker } from '../tracking/AffiliatePicker.tsx';
import { affiliateNamesQuery, brandsQuery } from '../tracking/api.ts';
import { useAllows } from '../use-allows.ts';
import { AffiliateForm, BrandDefaultForm, CampaignForm } from './AssignmentForms.tsx';
import { type Assignment, assignmentsQuery, plansQuery } from './api.ts';
import './commission-plans.css';
import { LEVELS, ResolveForm } from './ResolveForm.tsx';

const route = getRouteApi('/admin/shell/plan-assignments');

export function validateAssignmentSearch(raw: Record<string, unknown>): {
  brand?: number;
  affiliate?: number;
} {
  const out = { brand: int(raw.brand), affiliate: int(raw.affiliate) };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

/**
 * Who gets which plan on a brand: its default, an affiliate's own plan, a campaign's; what is in
 * force now, the history, and which plan applies to an affiliate at a moment, and why.
 */
export function AssignmentsPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const write = useAllows('write');
  const brands = useQuery(brandsQuery).data?.data ?? [];
  const brandId = search.brand ?? brands[0]?.id ?? 0;
  const affiliateId = search.affiliate ?? 0;
  const plans =
    useQuery({ ...plansQuery({ brand_id: brandId, page_size: 500 }), enabled: brandId > 0 }).data?.data ?? [];
  const history = useQuery({
    ...assignmentsQuery({ brand_id: brandId, page_size: 200 }),
    enabled: brandId > 0,
  });
  const rows = history.data?.data ?? [];
  const affiliateIds = [
    ...new Set([
      ...rows.flatMap((a) => (a.affiliate_id ? [a.affiliate_id] : [])),
      ...(affiliateId ? [affiliateId] : []),
    ]),
  ];
  const names = useQuery(affiliateNamesQuery(affiliateIds)).data ?? {};
  const planName = (id: number | null) =>
    id === null ? 'None (ended)' : (plans.find((p) => p.id === id)?.name ?? `Plan #${id}`);
  const now = Date.now();
  const inForce = (target: Assignment['target'], affiliate: number | null = null) =>
    rows.find(
      (a) => a.target === target && a.affiliate_id === affiliate && Date.parse(a.effective_from) <= now,
    );
  const brandDefault = inForce('brand');
  const own = affiliateId ? inForce('affiliate', affiliateId) : undefined;
  const active = plans.filter((p) => p.status === 'active');

  const columns: Column<Assignment>[] = [
    { label: 'From', cell: (a) => formatDateTime(a.effective_from) },
    {
      label: 'Level',
      cell: (a) =>
        a.target === 'brand'
          ? LEVELS.brand
          : `${a.target === 'campaign' ? `Campaign #${a.campaign_id} of ` : ''}${names[a.affiliate_id ?? 0] ?? ''} #${a.affiliate_id}`,
    },
    {
      label: 'Plan',
      cell: (a) =>
        a.plan_id === null ? (
          'None (ended)'
        ) : (
          <Link to="/admin/commission-plans/$id" params={{ id: String(a.plan_id) }}>
            {planName(a.plan_id)}
          </Link>
        ),
    },
    { label: 'Reason', cell: (a) => a.reason ?? '—' },
    { label: 'By', cell: (a) => a.actor.name },
  ];

  return (
    <div className="plan-assignments">
      <h1>Plan assignments</h1>
      <p className="muted">
        Which plan pays: the campaign's plan first, then the affiliate's own plan on the brand, then the
        brand's default. At each level the latest assignment whose date has come is in force.
      </p>
      <div className="panel filters">
        <SelectField
          label="Brand"
          value={String(brandId || '')}
          options={brands.map((b) => ({ value: String(b.id), label: b.name }))}
          onChange={(v) => navigate({ search: (s) => ({ ...s, brand: Number(v) }) })}
        />
      </div>
      {brandId > 0 && (
        <>
          <section className="panel" aria-label="In force now">
            <h2>In force now</h2>
            <p data-testid="brand-default">
              Brand default: {brandDefault?.plan_id ? planName(brandDefault.plan_id) : 'none'}
              {brandDefault && ` (since ${formatDateTime(brandDefault.effective_from)})`}
            </p>
            {affiliateId > 0 && (
              <p data-testid="affiliate-plan">
                {names[affiliateId] ?? `Affiliate #${affiliateId}`}'s own plan:{' '}
                {own?.plan_id ? planName(own.plan_id) : 'none'}
                {own && ` (since ${formatDateTime(own.effective_from)})`}
              </p>
            )}
          </section>
          {write && <BrandDefaultForm brandId={brandId} plans={active.filter((p) => !p.is_private)} />}
          <section className="panel" aria-label="Affiliate">
            <h2>An affiliate</h2>
            <AffiliatePicker
              label="Affiliate"
              ids={affiliateId ? [affiliateId] : []}
              onChange={(ids) => navigate({ search: (s) => ({ ...s, affiliate: ids[ids.length - 1] }) })}
            />
          </section>
          {affiliateId > 0 && (
            <>
              {write && <AffiliateForm brandId={brandId} affiliateId={affiliateId} plans={active} />}
              {write && <CampaignForm brandId={brandId} affiliateId={affiliateId} plans={active} />}
              <ResolveForm brandId={brandId} affiliateId={affiliateId} />
            </>
          )}
          <section className="panel" aria-label="Assignment history">
            <h2>History</h2>
            {history.isError && <p className="form-summary">{history.error.message}</p>}
            <DataTable rows={rows} columns={columns} empty="No plan has been assigned on this brand yet." />
          </section>
        </>
      )}
    </div>
  );
}
