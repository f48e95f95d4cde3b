import type { Selectable } from 'kysely';
import type {
  PostbackDefinitionsTable,
  PostbackDelivery,
  PostbackScope,
  PostbackTrigger,
} from '../../db/tables/postbacks.ts';

export type { PostbackDelivery, PostbackScope, PostbackTrigger };

export const POSTBACK_SCOPES: readonly PostbackScope[] = ['account', 'campaign', 'promo'];

/**
 * What sends a postback. From events: registration; qualified_lead (a qualification event);
 * first_deposit (the customer's FTD); qualified_first_deposit (the moment a customer has both
 * qualified and made the first deposit: the FTD of a qualified customer, or the qualification
 * of one who has deposited); deposit (every deposit, the first included); sale; refund;
 * chargeback. From the commission engine: commission_approved.
 */
export const POSTBACK_TRIGGERS: readonly PostbackTrigger[] = [
  'registration',
  'qualified_lead',
  'first_deposit',
  'qualified_first_deposit',
  'deposit',
  'sale',
  'refund',
  'chargeback',
  'commission_approved',
];

/** Server-to-server GET or POST, or a pixel the operator's conversion page shows. */
export const POSTBACK_DELIVERIES: readonly PostbackDelivery[] = [
  's2s_get',
  's2s_post',
  'image',
  'iframe',
  'javascript',
];

export const isServerToServer = (delivery: PostbackDelivery) =>
  delivery === 's2s_get' || delivery === 's2s_post';

/** Deliveries failed for good in a row after which a definition is disabled and its owner emailed. */
export const DISABLE_AFTER_FAILURES = 20;

export interface Postback {
  id: number;
  affiliate_id: number;
  name: string;
  scope: PostbackScope;
  campaign_id: number | null;
  promo_id: number | null;
  trigger: PostbackTrigger;
  plan_id: number | null;
  delivery: PostbackDelivery;
  status: 'active' | 'inactive';
  url: string;
  consecutive_failures: number;
  disabled_at: string | null;
  disabled_reason: string | null;
  created_at: string;
  updated_at: string;
}

export function toPostback(row: Selectable<PostbackDefinitionsTable>): Postback {
  return {
    id: row.id,
    affiliate_id: row.affiliate_id,
    name: row.name,
    scope: row.scope,
    campaign_id: row.campaign_id,
    promo_id: row.promo_id,
    trigger: row.trigger,
    plan_id: row.plan_id,
    delivery: row.delivery,
    status: row.status,
    url: row.url,
    consecutive_failures: row.consecutive_failures,
    disabled_at: row.disabled_at?.toISOString() ?? null,
    disabled_reason: row.disabled_reason,
    created_at: row.created_at.toISOString(),
    updated_at: row.updated_at.toISOString(),
  };
}
