import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { FormSummary } from '../../components/FormSummary.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { TextField } from '../../components/TextField.tsx';
import { useFormErrors } from '../../forms/use-form-errors.ts';
import { AffiliateChooser, type ChosenAffiliate } from '../customers/AffiliateChooser.tsx';
import { CampaignPromoFields } from '../customers/CampaignPromoFields.tsx';
import { fromLocalInput, toLocalInput } from '../list-params.ts';
import { useBrandOptions } from '../tracking/api.ts';
import { type CouponCode, createCouponCode, updateCouponCode } from './api.ts';

const FIELDS = {
  brand_id: 'Brand',
  code: 'Code',
  affiliate_id: 'Affiliate',
  campaign_id: 'Campaign',
  promo_id: 'Promo',
  description: 'Description',
  valid_from: 'Valid from',
  valid_until: 'Valid until',
};

interface CouponFormProps {
  /** The code to change; none: a new one. */
  coupon?: CouponCode;
  /** The current affiliate's name, when changing a code. */
  affiliateName?: string;
  onDone(coupon: CouponCode): void;
  onCancel(): void;
}

/** A coupon code: the brand, the code customers type, whose it is, and when it is valid. */
export function CouponForm({ coupon, affiliateName, onDone, onCancel }: CouponFormProps) {
  const queryClient = useQueryClient();
  const errors = useFormErrors(FIELDS);
  const brands = useBrandOptions();
  const [brandId, setBrandId] = useState(coupon ? String(coupon.brand_id) : '');
  const [code, setCode] = useState(coupon?.code ?? '');
  const [affiliate, setAffiliate] = useState<ChosenAffiliate | null>(
    coupon ? { id: coupon.affiliate_id, name: affiliateName ?? `Affiliate #${coupon.affiliate_id}` } : null,
  );
  const [campaignId, setCampaignId] = useState(coupon?.campaign_id ? String(coupon.campaign_id) : '');
  const [promoId, setPromoId] = useState(coupon?.promo_id ? String(coupon.promo_id) : '');
  const [description, setDescription] = useState(coupon?.description ?? '');
  const [validFrom, setValidFrom] = useState(toLocalInput(coupon?.valid_from ?? undefined));
  const [validUntil, setValidUntil] = useState(toLocalInput(coupon?.valid_until ?? undefined));
  const [enabled, setEnabled] = useState(coupon?.enabled ?? true);
  const brand = Number(brandId || brands[0]?.value);

  const fields = () => ({
    code,
    affiliate_id: affiliate?.id ?? 0,
    campaign_id: campaignId ? Number(campaignId) : null,
    promo_id: promoId ? Number(promoId) : null,
    description: description.trim() || null,
    valid_from: fromLocalInput(validFrom) ?? null,
    valid_until: fromLocalInput(validUntil) ?? null,
    enabled,
  });
  const save = useMutation({
    mutationFn: () =>
      coupon ? updateCouponCode(coupon.id, fields()) : createCouponCode({ brand_id: brand, ...fields() }),
    onSuccess: async (saved) => {
      await queryClient.invalidateQueries({ queryKey: ['coupon-codes'] });
      onDone(saved);
    },
    onError: errors.fail,
  });

  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    // The body needs an affiliate id; without one chosen, say so beside the others' problems.
    if (!affiliate) errors.setField('affiliate_id', 'choose the affiliate the code belongs to');
    if (!affiliate && !code.trim()) errors.setField('code', 'is required');
    if (affiliate) save.mutate();
  }

  return (
    <form
      className="panel form"
      onSubmit={submit}
      noValidate
      aria-label={coupon ? `Change coupon code ${coupon.code}` : 'New coupon code'}
    >
      <h2>{coupon ? `Change coupon code ${coupon.code}` : 'New coupon code'}</h2>
      <FormSummary message={errors.summary} problems={errors.problems} />
      {!coupon && (
        <SelectField
          id={errors.idOf('brand_id')}
          label="Brand"
          value={String(brand || '')}
          options={brands}
          onChange={(v) => {
            setBrandId(v);
            setCampaignId('');
            setPromoId('');
          }}
          error={errors.field('brand_id')}
        />
      )}
      <TextField
        id={errors.idOf('code')}
        label="Code"
        value={code}
        maxLength={64}
        onChange={setCode}
        hint="What customers type at checkout or sign-up; letters, digits, dots, dashes and underscores, any case"
        error={errors.field('code')}
      />
      <AffiliateChooser
        id={errors.idOf('affiliate_id')}
        chosen={affiliate}
        onChoose={(next) => {
          setAffiliate(next);
          setCampaignId('');
          setPromoId('');
        }}
        error={errors.field('affiliate_id')}
      />
      {affiliate && brand > 0 && (
        <CampaignPromoFields
          affiliateId={affiliate.id}
          brandId={brand}
          campaignId={campaignId}
          promoId={promoId}
          onCampaign={setCampaignId}
          onPromo={setPromoId}
          errors={errors}
        />
      )}
      <TextField
        id={errors.idOf('description')}
        label="Description"
        value={description}
        maxLength={1000}
        onChange={setDescription}
        error={errors.field('description')}
      />
      <div className="row">
        <TextField
          id={errors.idOf('valid_from')}
          label="Valid from"
          type="datetime-local"
          value={validFrom}
          onChange={setValidFrom}
          hint="Empty: from the start"
          error={errors.field('valid_from')}
        />
        <TextField
          id={errors.idOf('valid_until')}
          label="Valid until"
          type="datetime-local"
          value={validUntil}
          onChange={setValidUntil}
          hint="Empty: no end"
          error={errors.field('valid_until')}
        />
      </div>
      <label className="checkbox">
        <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
        Enabled: an event carrying it is attributed by it
      </label>
      <div className="actions">
        <button type="submit" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : coupon ? 'Save changes' : 'Create coupon code'}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
