// @internal: who an event of the batch belongs to, and whether it moves its customer.
import type { AttributionLookups, ClickFacts, Explanation } from '../attribution/attribution-types.ts';
import { decideAttribution } from '../attribution/decide-attribution.ts';
import type { EventInput } from '../event-input.ts';
import { bindCustomer } from './apply-event.ts';
import type { CustomerState } from './customer-state.ts';
import type { Original, Owner } from './take-back.ts';
import type { PendingEvent } from './write-batch.ts';

export interface EventOwner {
  owner: Owner;
  method: PendingEvent['attribution_method'];
  explained: Explanation | Record<string, unknown>;
  click: ClickFacts | null;
  change: PendingEvent['decision'];
}

/**
 * A refund or chargeback follows the event it takes back; any other event is attributed by its
 * hints against the customer's current binding, and a winning new binding (a first attribution,
 * a last-click takeover) is applied to the customer's state at once, so the batch's later events
 * see it.
 */
export function attributeEvent(options: {
  input: EventInput;
  state: CustomerState;
  original: Original | null;
  policy: { binding: 'lifetime' | 'last_click'; lookbackDays: number };
  lookups: AttributionLookups;
  affiliateName: (id: number) => string;
  now: Date;
}): EventOwner {
  const { input, state, original, policy } = options;
  if (original) {
    const method = 'original_event';
    return {
      owner: original.owner,
      method,
      click: null,
      change: null,
      explained: {
        policy: { binding: policy.binding, click_lookback_days: policy.lookbackDays },
        method,
        ...original.owner,
        original_ref: Number(original.id),
        winner: {
          kind: 'original_event',
          value: original.event_id,
          detail: `${original.type} ${original.event_id}`,
        },
        rejected: [],
        summary: `Follows the ${original.type} ${original.event_id} it takes back. ${original.summary}`,
      },
    };
  }
  const decision = decideAttribution({
    hints: input.hints,
    brandId: input.brandId,
    occurredAt: input.occurredAt,
    policy,
    current: state.binding,
    lookups: options.lookups,
    affiliateName: options.affiliateName,
  });
  const b = decision.binding;
  let change: PendingEvent['decision'] = null;
  if (decision.change && b) {
    change = {
      kind: decision.change,
      previous_affiliate_id: state.row.affiliate_id,
      binding: b,
      explanation: decision.explanation,
    };
    bindCustomer(state, b, decision.click, options.now);
  }
  return {
    owner: {
      affiliate_id: b?.affiliateId ?? null,
      campaign_id: b?.campaignId ?? null,
      promo_id: b?.promoId ?? null,
      click_id: b?.clickId ?? null,
      coupon_code_id: b?.couponCodeId ?? null,
    },
    method: decision.method,
    explained: decision.explanation,
    click: decision.click,
    change,
  };
}
