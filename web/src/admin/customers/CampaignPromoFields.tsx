import { useQuery } from '@tanstack/react-query';
import { SelectField } from '../../components/SelectField.tsx';
import type { FormErrors } from '../../forms/use-form-errors.ts';
import { campaignOptionsQuery, promoOptionsQuery } from './api.ts';

interface CampaignPromoFieldsProps {
  affiliateId: number;
  brandId: number;
  campaignId: string;
  promoId: string;
  onCampaign(id: string, name?: string): void;
  onPromo(id: string): void;
  errors: FormErrors;
}

/**
 * The chosen affiliate's active campaigns on the brand, then the promos of the one chosen; both
 * optional. Changing the campaign forgets the promo, which belongs to it.
 */
export function CampaignPromoFields(props: CampaignPromoFieldsProps) {
  const { errors } = props;
  const campaigns = useQuery(campaignOptionsQuery(props.affiliateId, props.brandId)).data?.data ?? [];
  const promos = useQuery(promoOptionsQuery(Number(props.campaignId))).data?.data ?? [];
  return (
    <>
      <SelectField
        id={errors.idOf('campaign_id')}
        label="Campaign"
        value={props.campaignId}
        empty="No campaign"
        options={campaigns.map((c) => ({ value: String(c.id), label: c.name }))}
        onChange={(v) => {
          props.onCampaign(v, campaigns.find((c) => String(c.id) === v)?.name);
          props.onPromo('');
        }}
        error={errors.field('campaign_id')}
      />
      {props.campaignId && (
        <SelectField
          id={errors.idOf('promo_id')}
          label="Promo"
          value={props.promoId}
          empty="No promo"
          options={promos.map((p) => ({ value: String(p.id), label: `${p.title} (${p.code})` }))}
          onChange={props.onPromo}
          error={errors.field('promo_id')}
        />
      )}
    </>
  );
}
