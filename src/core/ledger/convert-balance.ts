import type { Db } from '../../db/index.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Actor } from '../actor.ts';
import { AppError, type FieldError } from '../errors.ts';
import { recordAffiliateEvent } from '../identity/event-log/record-affiliate-event.ts';
import { applyRate } from '../reference/convert-amount.ts';
import { todayUtc } from '../reference/dates.ts';
import { parseRate } from '../reference/decimal.ts';
import { noRate, resolveExchangeRate } from '../reference/get-exchange-rate.ts';
import {
  assertAffiliate,
  callerReference,
  checkCurrency,
  checkText,
  MAX_AMOUNT,
  requestHash,
} from './idempotency.ts';
import { type PostedEntry, postEntry } from './post-entry.ts';

export interface ConvertBalanceInput {
  from_currency: string;
  to_currency: string;
  /** Minor units of from_currency taken from its available balance. */
  amount: number | bigint;
  /** 1 from_currency = rate to_currency; today's stored rate when absent. */
  rate?: string;
  description?: string;
  order_id?: string;
}

/**
 * FX between two of an affiliate's own balances: the amount leaves the available balance of one
 * currency through the operator's FX account of it, and the converted amount (half-even) arrives
 * in the other's from the FX account of that one; the entry records the rate used.
 */
export async function convertBalance(options: {
  db: Db;
  actor: Actor;
  affiliateId: number;
  input: ConvertBalanceInput;
  idempotencyKey?: string;
}): Promise<PostedEntry> {
  const { db, input, affiliateId } = options;
  await assertAffiliate(db, affiliateId);
  const problems: FieldError[] = [];
  const from = await checkCurrency(db, input.from_currency, 'from_currency', problems);
  const to = await checkCurrency(db, input.to_currency, 'to_currency', problems);
  if (from && to && from.code === to.code)
    problems.push({ path: 'to_currency', message: 'must differ from from_currency' });
  const amount = BigInt(input.amount);
  if (amount <= 0n) problems.push({ path: 'amount', message: 'must be more than 0' });
  else if (amount > MAX_AMOUNT) problems.push({ path: 'amount', message: `must be at most ${MAX_AMOUNT}` });
  let rate: string | null = null;
  if (input.rate !== undefined) {
    const parsed = parseRate(input.rate);
    if ('error' in parsed) problems.push({ path: 'rate', message: parsed.error });
    else rate = parsed.rate;
  }
  const memo =
    input.description === undefined ? '' : checkText(input.description, 'description', 2, 512, problems);
  const key = callerReference({ order_id: input.order_id, idempotencyKey: options.idempotencyKey }, problems);
  if (problems.length || !from || !to || !key) throw AppError.validation(problems);
  if (rate === null) {
    const today = todayUtc();
    const resolved = await resolveExchangeRate(db, from.code, to.code, today);
    if (!resolved) throw noRate(from.code, to.code, today);
    rate = resolved.rate;
  }
  const converted = applyRate(amount, rate, from.minor_unit, to.minor_unit);
  if (converted <= 0n) throw AppError.field('amount', `converts to nothing in ${to.code} at ${rate}`);
  const hash = requestHash({
    affiliate: affiliateId,
    from: from.code,
    to: to.code,
    amount,
    rate: input.rate ?? null,
    memo,
  });
  return inTransaction(db, async (trx) => {
    const posted = await postEntry({
      db: trx,
      actor: options.actor,
      cause: 'fx',
      reference: `operator:${key}`,
      requestHash: hash,
      affiliateId,
      causeReference: key,
      memo: memo || `Converted ${from.code} to ${to.code} at ${rate}`,
      fxRate: rate,
      postings: [
        { account: { kind: 'available', affiliateId, currency: from.code }, amount: -amount },
        { account: { kind: 'fx', currency: from.code }, amount },
        { account: { kind: 'fx', currency: to.code }, amount: -converted },
        { account: { kind: 'available', affiliateId, currency: to.code }, amount: converted },
      ],
    });
    if (!posted.replayed)
      await recordAffiliateEvent(trx, {
        affiliateId,
        type: 'balance_converted',
        actor: options.actor,
        data: {
          entry_id: posted.entry.id,
          from: from.code,
          to: to.code,
          amount: amount.toString(),
          converted: converted.toString(),
          rate,
        },
      });
    return posted;
  });
}
