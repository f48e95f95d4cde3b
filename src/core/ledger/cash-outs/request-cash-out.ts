import { sql } from 'kysely';
import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import { type Actor, actorColumns } from '../../actor.ts';
import type { PaymentType } from '../../affiliates/payment-methods.ts';
import { AppError, type FieldError } from '../../errors.ts';
import { recordAffiliateEvent } from '../../identity/event-log/record-affiliate-event.ts';
import { assertAffiliate, checkCurrency, MAX_AMOUNT, requestHash } from '../idempotency.ts';
import { postEntry } from '../post-entry.ts';
import { limitsInMinorUnits } from './cash-out-limits.ts';
import { type CashOutView, loadCashOut } from './cash-out-view.ts';

export interface CashOutRequest {
  currency: string;
  /** Minor units. */
  amount: number | bigint;
  /** The affiliate's payment method type; its own by default. */
  method?: string;
}

const major = (amount: bigint, minorUnit: number) => {
  const factor = 10n ** BigInt(minorUnit);
  const whole = amount / factor;
  const part = (amount % factor).toString().padStart(minorUnit, '0');
  return minorUnit ? `${whole}.${part}` : `${whole}`;
};

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
}): Promise<{ cashOut: CashOutView; replayed: boolean }> {
  const { db, input, affiliateId } = options;
  await assertAffiliate(db, affiliateId);
  const problems: FieldError[] = [];
  const currency = await checkCurrency(db, input.currency, 'currency', problems);
  const amount = BigInt(input.amount);
  const own = await db
    .selectFrom('affiliate_payment_methods')
    .select('type')
    .where('affiliate_id', '=', affiliateId)
    .executeTakeFirst();
  const type = (own?.type ?? 'none') as PaymentType;
  const method = input.method?.trim() || type;
  if (type === 'none') {
    problems.push({ path: 'method', message: 'add a payment method to the account before withdrawing' });
  } else if (method !== type) {
    problems.push({ path: 'method', message: `must be the account's payment method (${type})` });
  }
  if (amount <= 0n) problems.push({ path: 'amount', message: 'must be more than 0' });
  else if (amount > MAX_AMOUNT) problems.push({ path: 'amount', message: `must be at most ${MAX_AMOUNT}` });
  else if (currency && type !== 'none' && method === type) {
    const { min, max } = limitsInMinorUnits(type, currency.minor_unit);
    const shown = (v: bigint) => `${major(v, currency.minor_unit)} ${currency.code}`;
    if (amount < min)
      problems.push({ path: 'amount', message: `must be at least ${shown(min)} for ${type}` });
    if (amount > max) problems.push({ path: 'amount', message: `must be at most ${shown(max)} for ${type}` });
  }
  const key = options.idempotencyKey?.trim() || null;
  if (key && key.length > 128)
    problems.push({ path: 'Idempotency-Key', message: 'must be at most 128 characters' });
  if (problems.length || !currency) throw AppError.validation(problems);
  const hash = requestHash({ affiliate: affiliateId, currency: currency.code, amount, method });

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
      data: { cash_out_id: Number(row.id), currency: currency.code, amount: amount.toString(), method },
    });
    return { cashOut: await loadCashOut(trx, Number(row.id)), replayed: false };
  });
}
