import { createHash, randomUUID } from 'node:crypto';
import type { Db } from '../../db/index.ts';
import { inTransaction } from '../../db/transaction.ts';
import { type Actor, actorColumns } from '../actor.ts';
import { AppError, type FieldError } from '../errors.ts';
import { recordAffiliateEvent } from '../identity/event-log/record-affiliate-event.ts';
import { postEntry } from '../ledger/post-entry.ts';
import { lockBill } from './bill-transition.ts';
import { type BillDetail, type BillScope, loadBill } from './bill-view.ts';

export interface BillCorrectionInput {
  action: string;
  /** Minor units, more than 0: the action says add or subtract. */
  amount: number;
  /** Shown to the affiliate beside the correction. */
  comment: string;
}

const MAX = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Adds to or subtracts from a bill, with a comment. Before approval it changes the amount to pay
 * (never below 0); after approval (approved or paid) it is a ledger entry of its own between the
 * affiliate's available balance and the brand's commission expense, refused with 409
 * `insufficient_funds` when a subtraction exceeds the balance. Corrections are appended, never
 * changed. With an Idempotency-Key a replay answers the bill as it is; the key with another
 * correction is 409 `idempotency_conflict`.
 */
export async function correctBill(options: {
  db: Db;
  actor: Actor;
  id: number;
  input: BillCorrectionInput;
  idempotencyKey?: string;
  scope?: BillScope;
}): Promise<BillDetail> {
  const { input } = options;
  const scope = options.scope ?? {};
  const problems: FieldError[] = [];
  if (input.action !== 'add' && input.action !== 'subtract')
    problems.push({ path: 'action', message: 'must be add or subtract' });
  if (!Number.isSafeInteger(input.amount) || input.amount <= 0)
    problems.push({ path: 'amount', message: 'must be a whole number of minor units, more than 0' });
  const comment = input.comment?.trim() ?? '';
  if (comment.length < 2)
    problems.push({ path: 'comment', message: 'is required: say why, the affiliate sees it' });
  else if (comment.length > 500)
    problems.push({ path: 'comment', message: 'must be at most 500 characters' });
  const key = options.idempotencyKey?.trim() || null;
  if (key && key.length > 200)
    problems.push({ path: 'Idempotency-Key', message: 'must be at most 200 characters' });
  if (problems.length) throw AppError.validation(problems);
  const amount = BigInt(input.amount);
  if (amount > MAX) throw AppError.field('amount', `must be at most ${MAX}`);
  const signed = input.action === 'add' ? amount : -amount;
  const hash = createHash('sha256')
    .update(JSON.stringify([input.action, input.amount, comment]))
    .digest('hex');

  await inTransaction(options.db, async (trx) => {
    const bill = await lockBill(
      trx,
      options.id,
      scope,
      ['pending', 'on_hold', 'approved', 'paid'],
      'corrected',
    );
    if (key) {
      const earlier = await trx
        .selectFrom('bill_corrections')
        .select(['id', 'request_hash'])
        .where('bill_id', '=', bill.id)
        .where('idempotency_key', '=', key)
        .executeTakeFirst();
      if (earlier) {
        if (earlier.request_hash !== hash)
          throw new AppError(
            'idempotency_conflict',
            'this Idempotency-Key was already used for another correction',
            {
              correction_id: Number(earlier.id),
            },
          );
        return;
      }
    }
    const afterApproval = bill.status === 'approved' || bill.status === 'paid';
    const pay = bill.amount_to_pay + signed;
    if (pay < 0n)
      throw AppError.field(
        'amount',
        `must be at most ${bill.amount_to_pay}: the bill cannot pay less than 0`,
      );
    let entryId: bigint | null = null;
    if (afterApproval) {
      const posted = await postEntry({
        db: trx,
        actor: options.actor,
        cause: 'correction',
        reference: `bill:${bill.id}:correction:${key ?? randomUUID()}`,
        requestHash: hash,
        affiliateId: bill.affiliate_id,
        causeReference: `bill:${bill.id}`,
        step: 'corrected',
        memo: comment,
        postings: [
          {
            account: { kind: 'available', affiliateId: bill.affiliate_id, currency: bill.currency },
            amount: signed,
          },
          {
            account: { kind: 'commission_expense', brandId: bill.brand_id, currency: bill.currency },
            amount: -signed,
          },
        ],
      });
      entryId = BigInt(posted.entry.id);
    }
    const now = new Date();
    await trx
      .insertInto('bill_corrections')
      .values({
        bill_id: bill.id,
        action: input.action as 'add' | 'subtract',
        amount,
        comment,
        after_approval: afterApproval,
        ledger_entry_id: entryId,
        idempotency_key: key,
        request_hash: hash,
        ...actorColumns(options.actor),
        actor_name: options.actor.name.slice(0, 200),
        created_at: now,
      })
      .execute();
    await trx
      .updateTable('bills')
      .set({ amount_to_pay: pay, updated_at: now })
      .where('id', '=', bill.id)
      .execute();
    if (afterApproval)
      await recordAffiliateEvent(trx, {
        affiliateId: bill.affiliate_id,
        type: 'balance_correction_made',
        actor: options.actor,
        data: {
          bill_id: Number(bill.id),
          entry_id: Number(entryId),
          currency: bill.currency,
          amount: signed.toString(),
          memo: comment,
        },
      });
  });
  return loadBill(options.db, options.id, scope);
}
