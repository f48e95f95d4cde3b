import type { Binding, ClickFacts } from '../attribution/attribution-types.ts';
import type { EventInput } from '../event-input.ts';
import { DUPLICATE_MATCH_FIELDS } from '../fraud/check-fraud.ts';
import { addToTotals, type CustomerState } from './customer-state.ts';

/**
 * Binds the customer to its new owner (a first attribution, or a last-click takeover). The click
 * that won brings its sub-ids and parameters; a binding without a click clears the old ones.
 */
export function bindCustomer(
  state: CustomerState,
  binding: Omit<Binding, 'boundAt'>,
  click: ClickFacts | null,
  now: Date,
): void {
  const row = state.row;
  state.binding = { ...binding, boundAt: now };
  row.affiliate_id = binding.affiliateId;
  row.campaign_id = binding.campaignId;
  row.promo_id = binding.promoId;
  row.click_id = binding.clickId;
  row.coupon_code_id = binding.couponCodeId;
  row.attribution_method = binding.method;
  row.attributed_at = now;
  row.sub1 = click?.sub1 ?? null;
  row.sub2 = click?.sub2 ?? null;
  row.sub3 = click?.sub3 ?? null;
  row.sub4 = click?.sub4 ?? null;
  row.sub5 = click?.sub5 ?? null;
  row.params = click?.params ?? {};
  if (click) row.ip ??= click.ip;
}

/**
 * What one event changes on its customer: country and identity (kept from the first that named
 * them), registration and qualification times, the first deposit, the first and last event times,
 * the count and the money totals. Returns whether the event is the customer's FTD.
 */
export function applyEventToCustomer(
  state: CustomerState,
  input: EventInput,
  eventId: bigint,
  click: ClickFacts | null,
): boolean {
  const row = state.row;
  row.country ??= input.country ?? click?.country ?? null;
  for (const f of DUPLICATE_MATCH_FIELDS) if (input.hints[f] && !row[f]) row[f] = input.hints[f] as string;
  if (input.type === 'registration') row.registered_at ??= input.occurredAt;
  if (input.type === 'qualification') row.qualified_at ??= input.occurredAt;
  const isFtd = input.type === 'deposit' && row.ftd_event_id === null;
  if (isFtd) {
    row.ftd_event_id = eventId;
    row.ftd_at = input.occurredAt;
    row.ftd_amount = input.amount;
    row.ftd_currency = input.currency;
  }
  if (input.occurredAt < row.first_event_at) row.first_event_at = input.occurredAt;
  if (input.occurredAt > row.last_event_at) row.last_event_at = input.occurredAt;
  row.event_count += 1;
  addToTotals(state, input);
  return isFtd;
}
