import type { EventView } from '../event-view.ts';
import { type CustomerView, maskCustomerId } from './customer-view.ts';
import type { TimelineEntry } from './get-customer.ts';

/**
 * A customer as its affiliate sees it: no address, email hash or device, no other affiliate's
 * ids, and the operator's id masked unless the brand shows it.
 */
export type PartnerCustomerView = Omit<CustomerView, 'affiliate_id'>;

export type PartnerEventView = Omit<
  EventView,
  'event_id' | 'brand_id' | 'customer_ref' | 'attribution' | 'hints' | 'metadata'
> & {
  attribution: Pick<
    EventView['attribution'],
    'method' | 'campaign_id' | 'promo_id' | 'click_id' | 'coupon_code_id'
  >;
};

export type PartnerTimelineEntry =
  | { at: Date; kind: 'click'; click: Record<string, unknown> }
  | { at: Date; kind: 'event'; event: PartnerEventView }
  | { at: Date; kind: 'attribution'; decision: Record<string, unknown> }
  | { at: Date; kind: 'fraud_flag'; flag: Record<string, unknown> };

export function shownCustomerId(externalId: string, showCustomerIds: boolean): string {
  return showCustomerIds ? externalId : maskCustomerId(externalId);
}

export function partnerCustomerView(customer: CustomerView, showCustomerIds: boolean): PartnerCustomerView {
  const { affiliate_id: _, ...rest } = customer;
  const view = { ...rest, customer_id: shownCustomerId(customer.customer_id, showCustomerIds) };
  // Sub-ids and parameters come from the binding click, the affiliate's own; without one (the
  // operator moved the customer, a coupon code bound it) any left are an earlier owner's.
  if (customer.click_id === null)
    Object.assign(view, { sub1: null, sub2: null, sub3: null, sub4: null, sub5: null, params: {} });
  return view;
}

function partnerEvent(e: EventView, customerId: string): PartnerEventView {
  const { event_id: _, brand_id: __, customer_ref: ___, attribution, hints: _h, metadata: _m, ...rest } = e;
  return {
    ...rest,
    customer_id: customerId,
    attribution: {
      method: attribution.method,
      campaign_id: attribution.campaign_id,
      promo_id: attribution.promo_id,
      click_id: attribution.click_id,
      coupon_code_id: attribution.coupon_code_id,
    },
  };
}

const CLICK_FIELDS = [
  'id',
  'clicked_at',
  'promo_id',
  'campaign_id',
  'sub1',
  'sub2',
  'sub3',
  'sub4',
  'sub5',
  'params',
  'country',
  'device_type',
  'referrer',
] as const;

/**
 * The part of a customer's story that is the affiliate's: its own clicks, the events attributed
 * to it, the decisions that gave it the customer, and the rules the customer matched (without
 * what they matched on, which names addresses and other customers).
 */
export function partnerTimeline(
  timeline: TimelineEntry[],
  affiliateId: number,
  customerId: string,
): PartnerTimelineEntry[] {
  const shown = new Set<number>();
  const out: PartnerTimelineEntry[] = [];
  for (const entry of timeline) {
    if (entry.kind === 'click') {
      if (entry.click.affiliate_id !== affiliateId) continue;
      out.push({
        at: entry.at,
        kind: 'click',
        click: Object.fromEntries(CLICK_FIELDS.map((f) => [f, entry.click[f] ?? null])),
      });
    } else if (entry.kind === 'event') {
      if (entry.event.attribution.affiliate_id !== affiliateId) continue;
      shown.add(entry.event.id);
      out.push({ at: entry.at, kind: 'event', event: partnerEvent(entry.event, customerId) });
    } else if (entry.kind === 'attribution') {
      const d = entry.decision;
      if (d.affiliate_id !== affiliateId) continue;
      out.push({
        at: entry.at,
        kind: 'attribution',
        decision: {
          kind: d.kind,
          method: d.method,
          campaign_id: d.campaign_id,
          promo_id: d.promo_id,
          click_id: d.click_id,
          coupon_code_id: d.coupon_code_id,
        },
      });
    }
  }
  // Flags after the events, so a flag names its event only when that event is shown.
  for (const entry of timeline)
    if (entry.kind === 'fraud_flag') {
      const ref = entry.flag.event_ref as number | null;
      out.push({
        at: entry.at,
        kind: 'fraud_flag',
        flag: {
          rule: entry.flag.rule,
          mode: entry.flag.mode,
          event_ref: ref !== null && shown.has(ref) ? ref : null,
        },
      });
    }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime());
}
