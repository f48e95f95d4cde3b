// @internal: the one path of a bill's status changes
import { sql, type Transaction } from 'kysely';
import type { Db } from '../../db/index.ts';
import type { DB } from '../../db/schema.ts';
import type { BillAction, BillStatus } from '../../db/tables/billing.ts';
import type { CommissionStatus } from '../../db/tables/earned-commissions.ts';
import { inTransaction } from '../../db/transaction.ts';
import { type Actor, actorColumns } from '../actor.ts';
import { managedAffiliateIds } from '../auth/managed-affiliates.ts';
import { AppError } from '../errors.ts';
import { type BillDetail, type BillScope, loadBill } from './bill-view.ts';

const WORDS: Record<BillStatus, string> = {
  pending: 'pending',
  on_hold: 'on hold',
  approved: 'approved',
  cancelled: 'cancelled',
  paid: 'paid',
};

/** Locks a bill in the scope (another affiliate's or manager's is not found) and checks its status. */
export async function lockBill(
  trx: Transaction<DB>,
  id: number,
  scope: BillScope,
  allowed: BillStatus[],
  verb: string,
) {
  let q = trx.selectFrom('bills').selectAll().where('id', '=', BigInt(id));
  if (scope.managerId !== undefined)
    q = q.where('affiliate_id', 'in', managedAffiliateIds(trx, scope.managerId));
  if (scope.affiliateId !== undefined) q = q.where('affiliate_id', '=', scope.affiliateId);
  const row = await q.forUpdate().executeTakeFirst();
  if (!row) throw AppError.notFound('bill');
  if (!allowed.includes(row.status))
    throw new AppError(
      'invalid_state',
      `the bill is ${WORDS[row.status]}: only ${allowed.map((s) => WORDS[s]).join(' or ')} bills can be ${verb}`,
      { status: row.status },
    );
  return row;
}

export async function recordBillChange(
  db: Db,
  change: {
    billId: bigint;
    action: BillAction;
    from: BillStatus | null;
    to: BillStatus;
    issuedAmount: bigint;
    reason: string | null;
    actor: Actor;
    now: Date;
  },
) {
  await db
    .insertInto('bill_changes')
    .values({
      bill_id: change.billId,
      action: change.action,
      from_status: change.from,
      to_status: change.to,
      issued_amount: change.issuedAmount,
      reason: change.reason,
      ...actorColumns(change.actor),
      actor_name: change.actor.name.slice(0, 200),
      created_at: change.now,
    })
    .execute();
}

/** Moves the bill's commissions from one status to the next, each change appended with the actor. */
export async function moveCommissions(
  db: Db,
  billId: bigint,
  from: CommissionStatus,
  to: CommissionStatus,
  actor: Actor,
  now: Date,
) {
  await sql`
    with moved as (
      update commissions c set status = ${to} from bill_lines l
      where l.bill_id = ${billId} and l.commission_id = c.id and c.status = ${from}
      returning c.id)
    insert into commission_status_changes (commission_id, from_status, to_status, reason, actor_type, actor_id,
      actor_name, created_at)
    select id, ${from}, ${to}, ${`bill ${billId}`}, ${actor.type}, ${actor.id}::int, ${actor.name.slice(0, 200)}, ${now}
    from moved`.execute(db);
}

/** A status change without money: hold, release, cancel, mark paid. */
export async function simpleTransition(options: {
  db: Db;
  actor: Actor;
  id: number;
  scope: BillScope;
  from: BillStatus[];
  to: BillStatus;
  action: BillAction;
  verb: string;
  reason?: string | null;
  commissions?: { from: CommissionStatus; to: CommissionStatus };
}): Promise<BillDetail> {
  const reason = options.reason?.trim() || null;
  if (reason && reason.length > 500) throw AppError.field('reason', 'must be at most 500 characters');
  await inTransaction(options.db, async (trx) => {
    const row = await lockBill(trx, options.id, options.scope, options.from, options.verb);
    const now = new Date();
    await trx
      .updateTable('bills')
      .set({ status: options.to, updated_at: now, ...(options.to === 'paid' ? { paid_at: now } : {}) })
      .where('id', '=', row.id)
      .execute();
    if (options.commissions)
      await moveCommissions(
        trx,
        row.id,
        options.commissions.from,
        options.commissions.to,
        options.actor,
        now,
      );
    await recordBillChange(trx, {
      billId: row.id,
      action: options.action,
      from: row.status,
      to: options.to,
      issuedAmount: row.issued_amount,
      reason,
      actor: options.actor,
      now,
    });
  });
  return loadBill(options.db, options.id, options.scope);
}
