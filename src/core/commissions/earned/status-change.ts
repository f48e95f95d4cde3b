// @internal: the one path of a commission's status change.
import type { Db } from '../../../db/index.ts';
import type { CommissionStatus } from '../../../db/tables/earned-commissions.ts';
import { inTransaction } from '../../../db/transaction.ts';
import { type Actor, actorColumns } from '../../actor.ts';
import { AppError } from '../../errors.ts';
import { queueApprovedCommissionPostbacks } from '../../postbacks/queue-approved-commission-postbacks.ts';
import type { CommissionRow } from './commission-view.ts';
import { getCommission } from './get-commission.ts';

const WORDS: Record<CommissionStatus, string> = {
  pending: 'pending',
  on_hold: 'on hold',
  approved: 'approved',
  rejected: 'rejected',
  reversed: 'reversed',
  billed: 'billed',
  paid: 'paid',
};

/**
 * Moves a commission from one of `from` to `to` (a status, or one chosen from the row), appending
 * the change with its actor and reason, and the commissions derived from it (its claw-backs,
 * tier top-ups, sub-affiliate cuts) still in one of `from` with it. Another manager's commission
 * is not found; one in another status is a 409 saying which.
 */
export async function changeStatus(options: {
  db: Db;
  actor: Actor;
  id: number;
  from: CommissionStatus[];
  to: CommissionStatus | ((row: CommissionRow, now: Date) => CommissionStatus);
  verb: string;
  reason: string | null;
  managerId?: number;
  now?: Date;
}) {
  const now = options.now ?? new Date();
  await inTransaction(options.db, async (trx) => {
    const row = await trx
      .selectFrom('commissions')
      .selectAll()
      .where('id', '=', BigInt(options.id))
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw AppError.notFound('commission');
    if (options.managerId !== undefined)
      await getCommission({ db: trx, id: options.id, managerId: options.managerId });
    if (!options.from.includes(row.status))
      throw new AppError(
        'invalid_state',
        `the commission is ${WORDS[row.status]}: only ${options.from.map((s) => WORDS[s]).join(' or ')} commissions can be ${options.verb}`,
        { status: row.status },
      );
    const dependents = await trx
      .selectFrom('commissions')
      .selectAll()
      .where((eb) => eb.or([eb('source_commission_id', '=', row.id), eb('reverses_id', '=', row.id)]))
      .where('status', 'in', options.from)
      .orderBy('id')
      .forUpdate()
      .execute();
    const approved: bigint[] = [];
    for (const [i, r] of [row, ...dependents].entries()) {
      const to = typeof options.to === 'function' ? options.to(r, now) : options.to;
      if (to === r.status) continue;
      if (to === 'approved') approved.push(r.id);
      await trx.updateTable('commissions').set({ status: to }).where('id', '=', r.id).execute();
      await trx
        .insertInto('commission_status_changes')
        .values({
          commission_id: r.id,
          from_status: r.status,
          to_status: to,
          reason:
            i === 0
              ? options.reason
              : `with commission ${row.id}${options.reason ? `: ${options.reason}` : ''}`,
          ...actorColumns(options.actor),
          created_at: now,
        })
        .execute();
    }
    // The affiliate's commission-approved postbacks commit with the approval (the sweep sends them).
    await queueApprovedCommissionPostbacks({ db: trx, ids: approved, now });
  });
  return getCommission({ db: options.db, id: options.id });
}

/** A reason the operator must give (rejections): trimmed, required, at most 500 characters. */
export function requiredReason(reason: string | undefined | null): string {
  const text = reason?.trim() ?? '';
  if (!text) throw AppError.field('reason', 'is required: say why, the affiliate sees it');
  if (text.length > 500) throw AppError.field('reason', 'must be at most 500 characters');
  return text;
}
