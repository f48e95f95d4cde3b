import { sql } from 'kysely';
import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import { type Actor, actorColumns } from '../../actor.ts';
import { AppError, type FieldError } from '../../errors.ts';
import { recordAffiliateEvent } from '../../identity/event-log/record-affiliate-event.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import { queueWebhookEvent } from '../../webhooks/queue-webhook-event.ts';
import { assertAffiliate, checkCurrency, MAX_AMOUNT, requestHash } from '../idempotency.ts';
import { postEntry } from '../post-entry.ts';
import { queueCashOutEmail } from './cash-out-email.ts';
import { limitsInMinorUnits, majorUnits } from './cash-out-limits.ts';
import { type CashOutView, loadCashOut } from './cash-out-view.ts';
import { resolvePayoutMethod } from './payout-method.ts';

export interface CashOutRequest {
  currency: string;
  /** Minor units. */
  amount: number | bigint;
  /** The account's payment method type (its own by default), or the wallet method's type. */
  method?: string;
  /** A wallet payment method of the affiliate: its details are copied into the cash-out. */
  payment_method_id?: number;
  /** The caller's own words for the payout (MultiSafepay's description and var1..var3): part of what an Idempotency-Key replays. */
  description?: string;
  var1?: string;
  var2?: string;
  var3?: string;
}

// The caller's words only take part in the request hash (what a replay must repeat).
const callerWords = (input: CashOutRequest) =>
  input.description === undefined && !input.var1 && !input.var2 && !input.var3
    ? null
    : [input.description ?? null, input.var1 ?? null, input.var2 ?? null, input.var3 ?? null];

/**
 * The affiliate asks to be paid: the amount, within the method's minimum and maximum, moves from
 * the available balance to the reserved one (409 `insufficient_funds` when it does not cover it),
 * the cash-out is pending and the events log says who asked. With an Idempotency-Key the same
 * request answers the same cash-out; the key with another request is a 409.
 */
export async function requestCashOut(options: {
  db: Db;
  actor: Actor;
  affiliateId: number;
  input: CashOutRequest;
  idempotencyKey?: string;
  /** An automatic cash-out: its schedule and date (at most one per affiliate, currency and date). */
  schedule?: { id: number; date: string };
  /** Emails the affiliate that the cash-out is requested (a job in the same transaction). */
  jobs?: JobQueue;
}): Promise<{ cashOut: CashOutView; replayed: boolean }> {
  const { db, input, affiliateId } = options;
  await assertAffiliate(db, affiliateId);
  const problems: FieldError[] = [];
  const currency = await checkCurrency(db, input.currency, 'currency', problems);
  const amount = BigInt(input.amount);
  const payout = await resolvePayoutMethod(db, affiliateId, input, problems);
  const method = payout?.type ?? input.method ?? '';
  if (amount <= 0n) problems.push({ path: 'amount', message: 'must be more than 0' });
  else if (amount > MAX_AMOUNT) problems.push({ path: 'amount', message: `must be at most ${MAX_AMOUNT}` });
  else if (currency && payout) {
    const { min, max } = limitsInMinorUnits(payout.type, currency.minor_unit);
    const shown = (v: bigint) => `${majorUnits(v, currency.minor_unit)} ${currency.code}`;
    if (amount < min)
      problems.push({ path: 'amount', message: `must be at least ${shown(min)} for ${method}` });
    if (amount > max)
      problems.push({ path: 'amount', message: `must be at most ${shown(max)} for ${method}` });
  }
  const key = options.idempotencyKey?.trim() || null;
  if (key && key.length > 128)
    problems.push({ path: 'Idempotency-Key', message: 'must be at most 128 characters' });
  if (problems.length || !currency || !payout) throw AppError.validation(problems);
  const words = callerWords(input);
  const hash = requestHash({
    affiliate: affiliateId,
    currency: currency.code,
    amount,
    method,
    ...(payout.paymentMethodId ? { payment_method_id: payout.paymentMethodId } : {}),
    // Only when given, so the hashes of cash-outs asked for without them stay as they were.
    ...(words ? { caller: words } : {}),
  });

  return inTransaction(db, async (trx) => {
    if (key) {
      await sql`select pg_advisory_xact_lock(hashtextextended(${`cash_out:${affiliateId}:${key}`}, 0))`.execute(
        trx,
      );
      const earlier = await trx
        .selectFrom('cash_outs')
        .select(['id', 'request_hash'])
        .where('affiliate_id', '=', affiliateId)
        .where('idempotency_key', '=', key)
        .executeTakeFirst();
      if (earlier) {
        if (earlier.request_hash !== hash)
          throw new AppError(
            'idempotency_conflict',
            'this Idempotency-Key was already used for a different cash-out',
            {
              cash_out_id: Number(earlier.id),
            },
          );
        return { cashOut: await loadCashOut(trx, Number(earlier.id)), replayed: true };
      }
    }
    const now = new Date();
    const row = await trx
      .insertInto('cash_outs')
      .values({
        affiliate_id: affiliateId,
        currency: currency.code,
        amount,
        method,
        payment_method_id: payout.paymentMethodId,
        payment_details: JSON.stringify(payout.details),
        scheduled_for: options.schedule?.date ?? null,
        schedule_id: options.schedule?.id ?? null,
        idempotency_key: key,
        request_hash: hash,
        ...actorColumns(options.actor),
        actor_name: options.actor.name.slice(0, 200),
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const { entry } = await postEntry({
      db: trx,
      actor: options.actor,
      cause: 'cash_out',
      step: 'requested',
      reference: `cash_out:${row.id}:requested`,
      causeReference: `cash_out:${row.id}`,
      affiliateId,
      memo: `Cash-out ${row.id} requested (${method})`,
      postings: [
        { account: { kind: 'available', affiliateId, currency: currency.code }, amount: -amount },
        { account: { kind: 'reserved', affiliateId, currency: currency.code }, amount },
      ],
    });
    await trx
      .insertInto('cash_out_changes')
      .values({
        cash_out_id: row.id,
        from_status: null,
        to_status: 'pending',
        entry_id: BigInt(entry.id),
        ...actorColumns(options.actor),
        actor_name: options.actor.name.slice(0, 200),
        created_at: now,
      })
      .execute();
    await recordAffiliateEvent(trx, {
      affiliateId,
      type: 'cashout_requested',
      actor: options.actor,
      data: {
        cash_out_id: Number(row.id),
        currency: currency.code,
        amount: amount.toString(),
        method,
        payment_method_id: payout.paymentMethodId,
        ...(options.schedule ? { automatic: true, scheduled_for: options.schedule.date } : {}),
      },
    });
    await queueWebhookEvent({
      db: trx,
      type: 'cash_out.requested',
      payload: {
        id: row.id,
        affiliate_id: affiliateId,
        status: 'pending',
        currency: currency.code,
        amount,
        method,
      },
    });
    await queueCashOutEmail(options.jobs, trx, {
      affiliateId,
      cashOutId: Number(row.id),
      status: 'pending',
      amount,
      currency: currency.code,
      method,
    });
    return { cashOut: await loadCashOut(trx, Number(row.id)), replayed: false };
  });
}
