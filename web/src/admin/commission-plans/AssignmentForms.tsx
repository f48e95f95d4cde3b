// The three assignment forms of the assignments page (brand default, affiliate, campaign).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { FormSummary } from '../../components/FormSummary.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useFormErrors } from '../../forms/use-form-errors.ts';
import { campaignOptionsQuery } from '../customers/api.ts';
import { fromLocalInput } from '../list-params.ts';
import { assignAffiliate, assignBrandDefault, assignCampaign } from './api.ts';

export type PlanOption = { id: number; name: string; currency: string };

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

export function BrandDefaultForm({ brandId, plans }: { brandId: number; plans: PlanOption[] }) {
  const [state, setState] = useState({ plan: '', from: '', reason: '' });
  const a = useAssign(() => assignBrandDefault(brandId, body(state)), ASSIGN_FIELDS);
  return (
    <AssignForm title="The brand's default plan" a={a} submit="Set the default" doneText="Saved.">
      <AssignFields a={a} plans={plans} state={state} set={(n) => setState((s) => ({ ...s, ...n }))} />
    </AssignForm>
  );
}

export function AffiliateForm({
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

export function CampaignForm({
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
