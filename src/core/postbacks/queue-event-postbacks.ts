import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import {
  deliveriesFor,
  insertDeliveries,
  type Occasion,
  type OccasionCustomer,
} from './create-deliveries.ts';
import type { PostbackTrigger } from './postback.ts';
import { queueDeliveries } from './queue-deliveries.ts';

/** An event as recorded, with its customer as the batch left it. */
export interface RecordedEvent {
  ref: bigint;
  brandId: number;
  type: string;
  eventId: string;
  occurredAt: Date;
  amount: bigint | null;
  currency: string | null;
  isFtd: boolean;
  affiliateId: number | null;
  campaignId: number | null;
  promoId: number | null;
  clickId: string | null;
  customer: OccasionCustomer & { qualifiedAt: Date | null; ftdEventRef: bigint | null };
}

/**
 * The triggers of each event of a batch, in the batch's order (see POSTBACK_TRIGGERS). The
 * customers are as the batch left them, so whether one had qualified or deposited before an
 * event is worked out from the batch itself: a qualified first deposit fires once, on the FTD
 * of a customer qualified earlier, or on the first qualification of one whose FTD came earlier.
 */
export function triggersOf(events: RecordedEvent[]): PostbackTrigger[][] {
  const key = (e: RecordedEvent) => `${e.brandId}:${e.customer.externalId}`;
  const firstQualification = new Map<string, number>();
  events.forEach((e, i) => {
    if (e.type === 'qualification' && !firstQualification.has(key(e))) firstQualification.set(key(e), i);
  });
  return events.map((event, i) => {
    const c = event.customer;
    const first = firstQualification.get(key(event));
    const qualifiedBefore = c.qualifiedAt !== null && first === undefined;
    const triggers: PostbackTrigger[] = [];
    switch (event.type) {
      case 'registration':
        triggers.push('registration');
        break;
      case 'qualification':
        triggers.push('qualified_lead');
        if (first === i && c.ftdEventRef !== null && c.ftdEventRef < event.ref)
          triggers.push('qualified_first_deposit');
        break;
      case 'deposit':
        triggers.push('deposit');
        if (event.isFtd) triggers.push('first_deposit');
        if (event.isFtd && (qualifiedBefore || (first !== undefined && first < i)))
          triggers.push('qualified_first_deposit');
        break;
      case 'sale':
      case 'refund':
      case 'chargeback':
        triggers.push(event.type);
        break;
    }
    return triggers;
  });
}

/**
 * The postbacks of a batch of events, in the batch's transaction (called by the event ingest
 * after its rows are written): deliveries inserted in one statement and one deliver job per
 * 2,000 of them. Unattributed events send nothing. Returns how many deliveries were made.
 */
export async function queueEventPostbacks(options: {
  db: Transaction<DB>;
  jobs?: JobQueue;
  events: RecordedEvent[];
  now?: Date;
}): Promise<number> {
  const now = options.now ?? new Date();
  const occasions: Occasion[] = [];
  const triggers = triggersOf(options.events);
  for (const [i, event] of options.events.entries()) {
    if (event.affiliateId === null) continue;
    for (const trigger of triggers[i] ?? [])
      occasions.push({
        trigger,
        affiliateId: event.affiliateId,
        brandId: event.brandId,
        campaignId: event.campaignId,
        promoId: event.promoId,
        eventRef: event.ref,
        commissionRef: null,
        occurredAt: event.occurredAt,
        eventType: event.type,
        eventId: event.eventId,
        amount: event.amount,
        currency: event.currency,
        clickId: event.clickId,
        customer: event.customer,
      });
  }
  const rows = await deliveriesFor(options.db, occasions, now);
  const ids = await insertDeliveries(options.db, rows);
  await queueDeliveries(options.db, options.jobs, ids);
  return rows.length;
}
