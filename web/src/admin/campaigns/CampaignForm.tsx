import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { FormSummary } from '../../components/FormSummary.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useFormErrors } from '../../forms/use-form-errors.ts';
import { AffiliateChooser, type ChosenAffiliate } from '../customers/AffiliateChooser.tsx';
import { useBrandOptions } from '../tracking/api.ts';
import { type Campaign, createCampaign, updateCampaign, usePlanOptions } from './api.ts';
import './campaigns.css';

const FIELDS = {
  affiliate_id: 'Affiliate',
  brand_id: 'Brand',
  name: 'Name',
  commission_plan_id: 'Commission plan',
};

interface CampaignFormProps {
  /** The campaign to change (its name and plan); none: a new one. */
  campaign?: Campaign;
  /** The affiliate a new campaign is for, when the page was opened from that affiliate. */
  affiliate?: ChosenAffiliate | null;
  onDone(campaign: Campaign): void;
  onCancel?(): void;
}

/** A campaign: whose it is and for which brand (both set once), its name and commission plan. */
export function CampaignForm({ campaign, affiliate: given, onDone, onCancel }: CampaignFormProps) {
  const queryClient = useQueryClient();
  const brands = useBrandOptions();
  const errors = useFormErrors(FIELDS, { brand_id: brands });
  const [affiliate, setAffiliate] = useState<ChosenAffiliate | null>(given ?? null);
  const [brandId, setBrandId] = useState(campaign ? String(campaign.brand_id) : '');
  const [name, setName] = useState(campaign?.name ?? '');
  const [planId, setPlanId] = useState(
    campaign?.commission_plan_id ? String(campaign.commission_plan_id) : '',
  );
  const affiliateId = campaign?.affiliate_id ?? affiliate?.id;
  const plans = usePlanOptions(Number(brandId), affiliateId);
  const plan = planId ? Number(planId) : null;

  const save = useMutation({
    mutationFn: () =>
      campaign
        ? updateCampaign(campaign.id, { name, commission_plan_id: plan })
        : createCampaign({
            affiliate_id: affiliate!.id,
            brand_id: Number(brandId),
            name,
            commission_plan_id: plan,
          }),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: ['campaigns'] });
      onDone(saved);
    },
    onError: errors.fail,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    // The body needs the affiliate's and the brand's ids: without them, say so with the name's
    // problem in the same round, as the server would.
    const missing = !campaign && (!affiliate || !brandId);
    if (!campaign && !affiliate) errors.setField('affiliate_id', 'choose the affiliate the campaign is for');
    if (!campaign && !brandId) errors.setField('brand_id', 'choose a brand');
    if (missing && !name.trim()) errors.setField('name', 'must not be empty');
    if (!missing) save.mutate();
  }

  const title = campaign ? `Change campaign ${campaign.name}` : 'New campaign';
  return (
    <form className="panel form campaign-form" onSubmit={submit} noValidate aria-label={title}>
      {campaign && <h2>{title}</h2>}
      <FormSummary message={errors.summary} problems={errors.problems} />
      {!campaign && (
        <>
          <AffiliateChooser
            id={errors.idOf('affiliate_id')}
            chosen={affiliate}
            onChoose={(next) => {
              setAffiliate(next);
              setPlanId('');
              errors.clear('affiliate_id');
            }}
            error={errors.field('affiliate_id')}
          />
          <SelectField
            id={errors.idOf('brand_id')}
            label="Brand"
            value={brandId}
            empty="Choose a brand"
            options={brands}
            onChange={(v) => {
              setBrandId(v);
              setPlanId('');
              errors.clear('brand_id');
              errors.clear('commission_plan_id');
            }}
            error={errors.field('brand_id')}
          />
        </>
      )}
      <TextField
        id={errors.idOf('name')}
        label="Name"
        value={name}
        maxLength={200}
        onChange={(v) => {
          setName(v);
          errors.clear('name');
        }}
        hint="What the affiliate and your team call it, for example “Spring newsletter”"
        error={errors.field('name')}
      />
      <SelectField
        id={errors.idOf('commission_plan_id')}
        label="Commission plan"
        value={planId}
        empty="The affiliate’s or the brand’s plan"
        options={
          // A plan the campaign has that is no longer offered (archived) stays shown as chosen.
          plan !== null && !plans.some((o) => o.value === planId)
            ? [...plans, { value: planId, label: `Plan #${planId}` }]
            : plans
        }
        onChange={(v) => {
          setPlanId(v);
          errors.clear('commission_plan_id');
        }}
        disabled={!brandId}
        error={errors.field('commission_plan_id')}
      />
      <p className="hint">
        The campaign’s plan comes first; without one, the affiliate’s own plan on the brand applies, then the
        brand’s default.
      </p>
      <div className="actions">
        <button type="submit" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : campaign ? 'Save changes' : 'Create campaign'}
        </button>
        {onCancel && (
          <button type="button" className="button-secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
