import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx';
import { FormSummary } from '../../components/FormSummary.tsx';
import { TextAreaField } from '../../components/TextAreaField.tsx';
import { useFormErrors } from '../../forms/use-form-errors.ts';
import { AffiliateChooser, type ChosenAffiliate } from './AffiliateChooser.tsx';
import { attributeCustomer, type Customer, type CustomerDetail } from './api.ts';
import { CampaignPromoFields } from './CampaignPromoFields.tsx';

const FIELDS = { affiliate_id: 'Affiliate', campaign_id: 'Campaign', promo_id: 'Promo', reason: 'Reason' };

interface AttributeFormProps {
  customer: Customer;
  /** The name of the affiliate the customer belongs to now, for the question. */
  ownerName?: string;
  onDone(result: CustomerDetail, affiliate: ChosenAffiliate): void;
  onCancel(): void;
}

/**
 * The operator decides who a customer belongs to: an affiliate, optionally one of its campaigns
 * or promos for the customer's brand, and the reason, kept in the history. A question naming the
 * consequence comes before the change.
 */
export function AttributeForm({ customer, ownerName, onDone, onCancel }: AttributeFormProps) {
  const queryClient = useQueryClient();
  const errors = useFormErrors(FIELDS);
  const [affiliate, setAffiliate] = useState<ChosenAffiliate | null>(null);
  const [campaignId, setCampaignId] = useState('');
  const [campaignName, setCampaignName] = useState<string>();
  const [promoId, setPromoId] = useState('');
  const [reason, setReason] = useState('');
  const [asking, setAsking] = useState(false);
  const moving = customer.affiliate_id !== null;

  const save = useMutation({
    mutationFn: () =>
      attributeCustomer(customer.id, {
        affiliate_id: affiliate?.id ?? 0,
        campaign_id: campaignId ? Number(campaignId) : null,
        promo_id: promoId ? Number(promoId) : null,
        reason,
      }),
    onSuccess: async (result) => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['customers'] }),
        queryClient.invalidateQueries({ queryKey: ['events'] }),
      ]);
      if (affiliate) onDone(result, affiliate);
    },
    onError: errors.fail,
  });

  function chooseAffiliate(next: ChosenAffiliate | null) {
    setAffiliate(next);
    setCampaignId('');
    setCampaignName(undefined);
    setPromoId('');
    errors.clear('affiliate_id');
  }

  // What a person can leave out is said at once, for both fields; the rest is the server's to check.
  function submit(event: FormEvent) {
    event.preventDefault();
    errors.reset();
    if (!affiliate) errors.setField('affiliate_id', 'choose the affiliate the customer belongs to');
    if (!reason.trim()) errors.setField('reason', 'is required: say why, it is shown in the history');
    if (affiliate && reason.trim()) setAsking(true);
  }

  const target = affiliate ? `${affiliate.name}${campaignName ? ` (campaign ${campaignName})` : ''}` : '';
  const from = ownerName ?? `affiliate #${customer.affiliate_id}`;
  return (
    <form className="panel form attribute-form" onSubmit={submit} noValidate aria-label="Attribute customer">
      <h2>
        {moving ? 'Change the attribution of' : 'Attribute'} customer {customer.customer_id}
      </h2>
      <FormSummary message={errors.summary} problems={errors.problems} />
      <AffiliateChooser
        id={errors.idOf('affiliate_id')}
        chosen={affiliate}
        onChoose={chooseAffiliate}
        error={errors.field('affiliate_id')}
      />
      {affiliate && (
        <CampaignPromoFields
          affiliateId={affiliate.id}
          brandId={customer.brand_id}
          campaignId={campaignId}
          promoId={promoId}
          onCampaign={(id, name) => {
            setCampaignId(id);
            setCampaignName(name);
          }}
          onPromo={setPromoId}
          errors={errors}
        />
      )}
      <TextAreaField
        id={errors.idOf('reason')}
        label="Reason"
        value={reason}
        maxLength={500}
        onChange={(v) => {
          setReason(v);
          errors.clear('reason');
        }}
        error={errors.field('reason')}
      />
      <div className="actions">
        <button type="submit" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : moving ? 'Change attribution' : 'Attribute'}
        </button>
        <button type="button" className="button-secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
      {asking && affiliate && (
        <ConfirmDialog
          title={
            moving
              ? `Move customer ${customer.customer_id} to ${affiliate.name}?`
              : `Attribute customer ${customer.customer_id} to ${affiliate.name}?`
          }
          confirmLabel={moving ? 'Move customer' : 'Attribute customer'}
          onCancel={() => setAsking(false)}
          onConfirm={() => {
            setAsking(false);
            save.mutate();
          }}
        >
          {moving ? (
            <p>
              From now on the customer’s events belong to {target} instead of {from}; the events already
              recorded stay with {from}. Both affiliates’ events logs record the move with your reason.
            </p>
          ) : (
            <p>
              The customer and its {customer.event_count === 1 ? 'event' : `${customer.event_count} events`}{' '}
              nobody owns yet go to {target}, and every later event counts for them. The decision, your name
              and your reason are kept in the customer’s timeline and in the affiliate’s events log.
            </p>
          )}
        </ConfirmDialog>
      )}
    </form>
  );
}
