import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { type Column, DataTable } from '../../components/DataTable.tsx';
import { FormSummary } from '../../components/FormSummary.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { TextField } from '../../components/TextField.tsx';
import { formatDateTime } from '../../format.ts';
import { useFormErrors } from '../../forms/use-form-errors.ts';
import { campaignOptionsQuery } from '../customers/api.ts';
import { fromLocalInput, int } from '../list-params.ts';
import { AffiliatePicker } from '../tracking/AffiliatePicker.tsx';
import { affiliateNamesQuery, brandsQuery } from '../tracking/api.ts';
import { useAllows } from '../use-allows.ts';
import {
  type Assignment,
  assignAffiliate,
  assignBrandDefault,
  assignCampaign,
  assignmentsQuery,
  plansQuery,
  type ResolveQuery,
  resolveQuery,
} from './api.ts';
import './commission-plans.css';

const route = getRouteApi('/admin/shell/plan-assignments');

export function validateAssignmentSearch(raw: Record<string, unknown>): {
  brand?: number;
  affiliate?: number;
} {
  const out = { brand: int(raw.brand), affiliate: int(raw.affiliate) };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined));
}

const LEVELS = {
  brand: "Brand's default",
  affiliate: "Affiliate's own plan",
  campaign: "Campaign's plan",
};

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

type PlanOption = { id: number; name: string; currency: string };

function useAssign<T>(fn: (v: T) => Promise<unknown>, fields: Record<string, string>) {
  const queryClient = useQueryClient();
  const errors = useFormErrors(fields);
  const [done, setDone] = useState(false);
  const mutation = useMutation({
    mutationFn: fn,
    onSuccess: async () => {
      setDone(true);
      await queryClient.invalidateQueries({ queryKey: ['commission-plans'] });
    },
    onError: errors.fail,
  });
  return { errors, done, setDone, mutation };
}

const planOptions = (plans: PlanOption[]) =>
  plans.map((p) => ({ value: String(p.id), label: `${p.name} (${p.currency})` }));
const ASSIGN_FIELDS = {
  plan_id: 'Plan',
  effective_from: 'Effective from',
  reason: 'Reason',
  brand_id: 'Brand',
};

function AssignFields({
  a,
  plans,
  state,
  set,
  noReason,
}: {
  a: ReturnType<typeof useAssign>;
  plans: PlanOption[];
  state: { plan: string; from: string; reason: string };
  set(next: Partial<{ plan: string; from: string; reason: string }>): void;
  /** A campaign's plan is set on the campaign, which keeps no reason. */
  noReason?: boolean;
}) {
  const { errors } = a;
  return (
    <div className="row">
      <SelectField
        id={errors.idOf('plan_id')}
        label="Plan"
        value={state.plan}
        empty="None: end the plan here"
        options={planOptions(plans)}
        onChange={(plan) => {
          errors.clear('plan_id');
          set({ plan });
        }}
        error={errors.field('plan_id') ?? errors.field('brand_id')}
      />
      <TextField
        id={errors.idOf('effective_from')}
        label="Effective from"
        type="datetime-local"
        value={state.from}
        hint="Empty: now"
        onChange={(from) => {
          errors.clear('effective_from');
          set({ from });
        }}
        error={errors.field('effective_from') ?? errors.field('commission_plan_effective_from')}
      />
      {!noReason && (
        <TextField
          id={errors.idOf('reason')}
          label="Reason"
          value={state.reason}
          onChange={(reason) => set({ reason })}
          error={errors.field('reason')}
        />
      )}
    </div>
  );
}

const body = (s: { plan: string; from: string; reason: string }) => ({
  plan_id: s.plan ? Number(s.plan) : null,
  ...(s.from ? { effective_from: fromLocalInput(s.from) } : {}),
  reason: s.reason.trim() || null,
});

function BrandDefaultForm({ brandId, plans }: { brandId: number; plans: PlanOption[] }) {
  const [state, setState] = useState({ plan: '', from: '', reason: '' });
  const a = useAssign(() => assignBrandDefault(brandId, body(state)), ASSIGN_FIELDS);
  return (
    <AssignForm title="The brand's default plan" a={a} submit="Set the default" doneText="Saved.">
      <AssignFields a={a} plans={plans} state={state} set={(n) => setState((s) => ({ ...s, ...n }))} />
    </AssignForm>
  );
}

function AffiliateForm({
  brandId,
  affiliateId,
  plans,
}: {
  brandId: number;
  affiliateId: number;
  plans: PlanOption[];
}) {
  const [state, setState] = useState({ plan: '', from: '', reason: '' });
  const a = useAssign(
    () => assignAffiliate(affiliateId, { ...body(state), brand_id: brandId }),
    ASSIGN_FIELDS,
  );
  return (
    <AssignForm
      title="The affiliate's own plan on this brand"
      a={a}
      submit="Assign to the affiliate"
      doneText="Assigned."
    >
      <AssignFields a={a} plans={plans} state={state} set={(n) => setState((s) => ({ ...s, ...n }))} />
    </AssignForm>
  );
}

function CampaignForm({
  brandId,
  affiliateId,
  plans,
}: {
  brandId: number;
  affiliateId: number;
  plans: PlanOption[];
}) {
  const campaigns = useQuery(campaignOptionsQuery(affiliateId, brandId)).data?.data ?? [];
  const [campaign, setCampaign] = useState('');
  const [state, setState] = useState({ plan: '', from: '', reason: '' });
  const a = useAssign(
    () =>
      assignCampaign(Number(campaign), state.plan ? Number(state.plan) : null, fromLocalInput(state.from)),
    { ...ASSIGN_FIELDS, commission_plan_id: 'Plan', commission_plan_effective_from: 'Effective from' },
  );
  return (
    <AssignForm title="A campaign's plan" a={a} submit="Set the campaign's plan" doneText="Saved.">
      <SelectField
        label="Campaign"
        value={campaign}
        empty={campaigns.length ? 'Choose a campaign' : 'The affiliate has no campaign on this brand'}
        options={campaigns.map((c) => ({ value: String(c.id), label: c.name }))}
        onChange={setCampaign}
      />
      <AssignFields
        a={a}
        plans={plans}
        state={state}
        set={(n) => setState((s) => ({ ...s, ...n }))}
        noReason
      />
      {a.errors.field('commission_plan_id') && (
        <p className="field-error">{a.errors.field('commission_plan_id')}</p>
      )}
    </AssignForm>
  );
}

function AssignForm({
  title,
  a,
  submit,
  doneText,
  children,
}: {
  title: string;
  a: ReturnType<typeof useAssign>;
  submit: string;
  doneText: string;
  children: React.ReactNode;
}) {
  function onSubmit(event: FormEvent) {
    event.preventDefault();
    a.errors.reset();
    a.setDone(false);
    a.mutation.mutate(undefined);
  }
  return (
    <form className="panel form" onSubmit={onSubmit} noValidate aria-label={title}>
      <h2>{title}</h2>
      <FormSummary message={a.errors.summary} problems={a.errors.problems} />
      {children}
      <div className="actions">
        <button type="submit" disabled={a.mutation.isPending}>
          {submit}
        </button>
        {a.done && (
          <span role="status" className="muted">
            {doneText}
          </span>
        )}
      </div>
    </form>
  );
}

function ResolveForm({ brandId, affiliateId }: { brandId: number; affiliateId: number }) {
  const campaigns = useQuery(campaignOptionsQuery(affiliateId, brandId)).data?.data ?? [];
  const [campaign, setCampaign] = useState('');
  const [at, setAt] = useState('');
  const [query, setQuery] = useState<ResolveQuery | null>(null);
  const result = useQuery(resolveQuery(query));
  function submit(event: FormEvent) {
    event.preventDefault();
    setQuery({
      affiliate_id: affiliateId,
      ...(campaign ? { campaign_id: Number(campaign) } : { brand_id: brandId }),
      ...(at ? { at: fromLocalInput(at) } : {}),
    });
  }
  const r = result.data;
  return (
    <form className="panel form" onSubmit={submit} noValidate aria-label="Which plan applies">
      <h2>Which plan applies</h2>
      <div className="row">
        <SelectField
          label="Through campaign"
          value={campaign}
          empty="No campaign"
          options={campaigns.map((c) => ({ value: String(c.id), label: c.name }))}
          onChange={setCampaign}
        />
        <TextField label="At" type="datetime-local" value={at} onChange={setAt} hint="Empty: now" />
      </div>
      <div className="actions">
        <button type="submit">Find the plan</button>
      </div>
      {result.isError && <p className="form-summary">{result.error.message}</p>}
      {r && (
        <div data-testid="resolution" role="status">
          <p>
            <strong>
              {r.plan ? (
                <>
                  {r.plan.name}
                  {r.version && `, version ${r.version.version}`}
                </>
              ) : (
                'No plan applies'
              )}
            </strong>
            {r.source && ` — ${LEVELS[r.source]}`}
          </p>
          <p className="muted">{r.explanation}</p>
          <ul>
            {r.checked.map((c) => (
              <li key={c.target}>
                {LEVELS[c.target]}:{' '}
                {c.assignment ? (c.assignment.plan_id ? `plan #${c.assignment.plan_id}` : 'ended') : 'none'}
              </li>
            ))}
          </ul>
        </div>
      )}
    </form>
  );
}
