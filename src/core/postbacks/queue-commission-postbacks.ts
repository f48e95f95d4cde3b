import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { deliveriesFor, insertDeliveries, type Occasion } from './create-deliveries.ts';
import { customerOf, eventFacts } from './occasion-of-event.ts';
import { queueDeliveries } from './queue-deliveries.ts';

/** A commission the engine has just approved. */
export interface ApprovedCommission {
  /** The commission's id: one postback per definition and commission, however often this is called. */
  id: bigint;
  affiliateId: number;
  brandId: number;
  campaignId: number | null;
  promoId: number | null;
  planId: number | null;
  amount: bigint;
  currency: string;
  approvedAt: Date;
  /** The event it pays for, and its customer (for click id, sub ids and custom parameters). */
  eventRef: bigint | null;
}

/**
 * The hook for the commission engine: call it in the transaction that approves commissions, and
 * the `commission_approved` postbacks are queued with them (outbox). The event's click, sub ids
 * and custom parameters are read from the event and its customer.
 */
export async function queueCommissionPostbacks(options: {
  db: Transaction<DB>;
  jobs?: JobQueue;
  commissions: ApprovedCommission[];
  now?: Date;
}): Promise<number> {
  const { db, commissions } = options;
  if (commissions.length === 0) return 0;
  const any = await db
    .selectFrom('postback_definitions')
    .select('id')
    .where('affiliate_id', 'in', [...new Set(commissions.map((c) => c.affiliateId))])
    .where('trigger', '=', 'commission_approved')
    .where('status', '=', 'active')
    .where('deleted_at', 'is', null)
    .limit(1)
    .executeTakeFirst();
  if (!any) return 0;
  const refs = commissions.flatMap((c) => (c.eventRef === null ? [] : [c.eventRef.toString()]));
  const events = refs.length ? await eventFacts(db, refs) : [];
  const byRef = new Map(events.map((e) => [String(e.id), e]));
  const occasions: Occasion[] = commissions.map((c) => {
    const e = c.eventRef === null ? undefined : byRef.get(c.eventRef.toString());
    return {
      trigger: 'commission_approved',
      affiliateId: c.affiliateId,
      brandId: c.brandId,
      campaignId: c.campaignId,
      promoId: c.promoId,
      eventRef: null,
      commissionRef: c.id,
      occurredAt: c.approvedAt,
      planId: c.planId,
      eventType: e?.type ?? null,
      eventId: e?.event_id ?? null,
      amount: null,
      currency: c.currency,
      commission: { amount: c.amount, currency: c.currency },
      clickId: e?.click_id ?? null,
      customer: e ? customerOf(e) : null,
    };
  });
  const rows = await deliveriesFor(db, occasions, options.now ?? new Date());
  const ids = await insertDeliveries(db, rows);
  await queueDeliveries(db, options.jobs, ids);
  return rows.length;
}
