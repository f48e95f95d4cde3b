// @internal: only core/postbacks imports this file.
import type { Db } from '../../db/index.ts';
import { AppError } from '../errors.ts';
import type { Occasion, OccasionCustomer } from './create-deliveries.ts';
import type { PostbackTrigger } from './postback.ts';

/** A sample occasion for previews and test-fires: every variable has a value to look at. */
export function sampleOccasion(
  definition: {
    affiliate_id: number;
    trigger: PostbackTrigger;
    campaign_id: number | null;
    promo_id: number | null;
  },
  customNames: string[],
  now: Date,
): Occasion {
  return {
    trigger: definition.trigger,
    affiliateId: definition.affiliate_id,
    brandId: 0,
    campaignId: definition.campaign_id,
    promoId: definition.promo_id,
    eventRef: null,
    commissionRef: null,
    occurredAt: now,
    planId: null,
    eventType: definition.trigger === 'commission_approved' ? 'deposit' : sampleType(definition.trigger),
    eventId: 'sample-event-1',
    amount: 1050n,
    currency: 'EUR',
    commission: definition.trigger === 'commission_approved' ? { amount: 2500n, currency: 'EUR' } : null,
    clickId: 'sample-click-id',
    customer: {
      externalId: 'sample-customer-42',
      sub1: 'sample-sub1',
      sub2: 'sample-sub2',
      sub3: 'sample-sub3',
      sub4: 'sample-sub4',
      sub5: 'sample-sub5',
      params: Object.fromEntries(customNames.map((n) => [n, `sample-${n}`])),
      country: 'DE',
    },
  };
}

function sampleType(trigger: PostbackTrigger): string {
  if (trigger === 'qualified_lead') return 'qualification';
  if (trigger === 'first_deposit' || trigger === 'qualified_first_deposit') return 'deposit';
  return trigger;
}

/** Events with their customers, by internal id, as occasions read them (one query). */
export function eventFacts(db: Db, refs: string[]) {
  return db
    .selectFrom('events')
    .innerJoin('customers', 'customers.id', 'events.customer_id')
    .select([
      'events.id',
      'events.brand_id',
      'events.affiliate_id',
      'events.type',
      'events.event_id',
      'events.occurred_at',
      'events.amount',
      'events.currency',
      'events.campaign_id',
      'events.promo_id',
      'events.click_id',
      'customers.external_id',
      'customers.sub1',
      'customers.sub2',
      'customers.sub3',
      'customers.sub4',
      'customers.sub5',
      'customers.params',
      'customers.country',
    ])
    .where('events.id', 'in', refs as never[])
    .execute();
}

type EventFacts = Awaited<ReturnType<typeof eventFacts>>[number];

export function customerOf(row: EventFacts): OccasionCustomer {
  return {
    externalId: row.external_id,
    sub1: row.sub1,
    sub2: row.sub2,
    sub3: row.sub3,
    sub4: row.sub4,
    sub5: row.sub5,
    params: (row.params ?? {}) as Record<string, unknown>,
    country: row.country,
  };
}

/** A real past event of the affiliate (by the event's internal id), as an occasion of `trigger`. */
export async function eventOccasion(
  db: Db,
  affiliateId: number,
  eventRef: number,
  trigger: PostbackTrigger,
): Promise<Occasion> {
  const [row] = await eventFacts(db, [String(eventRef)]);
  if (!row || row.affiliate_id !== affiliateId)
    throw AppError.field('event_ref', `the affiliate has no event ${eventRef}`);
  return {
    trigger,
    affiliateId,
    brandId: row.brand_id,
    campaignId: row.campaign_id,
    promoId: row.promo_id,
    eventRef: BigInt(row.id),
    commissionRef: null,
    occurredAt: row.occurred_at,
    eventType: row.type,
    eventId: row.event_id,
    amount: row.amount,
    currency: row.currency,
    clickId: row.click_id,
    customer: customerOf(row),
  };
}
