import { sql } from 'kysely';
import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import { type Actor, actorColumns, SYSTEM } from '../../actor.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import { queueApprovedCommissionPostbacks } from '../../postbacks/queue-approved-commission-postbacks.ts';

/**
 * Approves every pending commission whose hold period has ended, each change appended with the
 * system as its actor. Idempotent: a second run finds nothing. Returns how many were approved.
 */
export async function approveDueCommissions(options: {
  db: Db;
  actor?: Actor;
  jobs?: JobQueue;
  now?: Date;
}): Promise<number> {
  const now = options.now ?? new Date();
  const actor = actorColumns(options.actor ?? SYSTEM);
  return inTransaction(options.db, async (trx) => {
    const { rows } = await sql<{ id: bigint }>`
      with due as (
        select id from commissions where status = 'pending' and (hold_until is null or hold_until <= ${now}::timestamptz)
        order by id for update skip locked
      ), done as (
        update commissions c set status = 'approved' from due where c.id = due.id returning c.id
      )
      insert into commission_status_changes (commission_id, from_status, to_status, reason, actor_type, actor_id, actor_name, created_at)
      select id, 'pending', 'approved', 'hold period ended', ${actor.actor_type}::text, ${actor.actor_id}::int,
        ${actor.actor_name}::text, ${now}::timestamptz
      from done returning commission_id as id`.execute(trx);
    // Their commission-approved postbacks, due at once (`now` is the hold periods' clock only).
    await queueApprovedCommissionPostbacks({
      db: trx,
      jobs: options.jobs,
      ids: rows.map((r) => BigInt(r.id)),
    });
    return rows.length;
  });
}
