// @internal: what a written batch earns and whom it notifies, in the batch's transaction.
import type { Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { Actor } from '../../actor.ts';
import { earnCommissions } from '../../commissions/engine/earn-commissions.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import { queueEventPostbacks } from '../../postbacks/queue-event-postbacks.ts';
import type { CustomerState } from './customer-state.ts';
import type { PendingEvent } from './write-batch.ts';

/** The commissions the events earn, then their postbacks (left out without a job queue: imports). */
export async function earnAndNotify(
  trx: Transaction<DB>,
  batch: { actor: Actor; jobs: JobQueue | undefined; now: Date },
  pending: PendingEvent[],
  customers: Set<CustomerState>,
): Promise<void> {
  await earnCommissions({
    db: trx,
    actor: batch.actor,
    jobs: batch.jobs,
    now: batch.now,
    events: pending.map((p) => ({
      id: p.id,
      customer_id: p.customer.row.id,
      type: p.input.type,
      occurred_at: p.input.occurredAt,
      amount: p.input.amount,
      currency: p.input.currency,
      original_id: p.original_id,
      affiliate_id: p.affiliate_id,
      campaign_id: p.campaign_id,
      promo_id: p.promo_id,
    })),
    customers: [...customers].map((c) => c.row),
    created: new Set([...customers].filter((c) => c.isNew).map((c) => c.row.id)),
  });
  if (!batch.jobs) return;
  await queueEventPostbacks({
    db: trx,
    jobs: batch.jobs,
    events: pending.map((p) => {
      const row = p.customer.row;
      return {
        ref: p.id,
        brandId: p.input.brandId,
        type: p.input.type,
        eventId: p.input.eventId,
        occurredAt: p.input.occurredAt,
        amount: p.input.amount,
        currency: p.input.currency,
        isFtd: p.is_ftd,
        affiliateId: p.affiliate_id,
        campaignId: p.campaign_id,
        promoId: p.promo_id,
        clickId: p.click_id,
        customer: {
          externalId: row.external_id,
          sub1: row.sub1,
          sub2: row.sub2,
          sub3: row.sub3,
          sub4: row.sub4,
          sub5: row.sub5,
          params: (row.params ?? {}) as Record<string, unknown>,
          country: row.country,
          qualifiedAt: row.qualified_at,
          ftdEventRef: row.ftd_event_id,
        },
      };
    }),
  });
}
