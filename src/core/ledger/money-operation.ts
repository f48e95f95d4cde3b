// @internal: fund, charge and correction share this path
import type { Db } from '../../db/index.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Actor } from '../actor.ts';
import { AppError, type FieldError } from '../errors.ts';
import { recordAffiliateEvent } from '../identity/event-log/record-affiliate-event.ts';
import {
  assertAffiliate,
  callerReference,
  checkCurrency,
  checkText,
  MAX_AMOUNT,
  requestHash,
} from './idempotency.ts';
import { type PostedEntry, postEntry } from './post-entry.ts';

export interface MoneyOperationInput {
  currency: string;
  /** Minor units: positive for fund and charge; a correction's sign says add or subtract. */
  amount: number | bigint;
  /** Shown to the affiliate: the fund's or charge's description, the correction's reason. */
  description?: string;
  order_id?: string;
  var1?: string;
  var2?: string;
  var3?: string;
}

export interface MoneyOperationOptions {
  db: Db;
  actor: Actor;
  affiliateId: number;
  input: MoneyOperationInput;
  /** The Idempotency-Key header, when sent. */
  idempotencyKey?: string;
}

type Kind = 'fund' | 'charge' | 'correction';

const EVENTS: Record<Kind, string> = {
  fund: 'balance_funded',
  charge: 'balance_charged',
  correction: 'balance_correction_made',
};

/**
 * Moves money between the affiliate's available balance and the operator's funds (fund, charge)
 * or corrections account, once per caller reference: a replay answers the same entry, the
 * reference with another request is a 409 `idempotency_conflict`. The affiliate's events log
 * records the change, with the text it is shown.
 */
export async function moneyOperation(kind: Kind, options: MoneyOperationOptions): Promise<PostedEntry> {
  const { db, input } = options;
  await assertAffiliate(db, options.affiliateId);
  const problems: FieldError[] = [];
  const currency = await checkCurrency(db, input.currency, 'currency', problems);
  const amount = BigInt(input.amount);
  if (kind === 'correction' ? amount === 0n : amount <= 0n)
    problems.push({
      path: 'amount',
      message:
        kind === 'correction' ? 'must not be 0: positive adds, negative subtracts' : 'must be more than 0',
    });
  else if (amount > MAX_AMOUNT || -amount > MAX_AMOUNT)
    problems.push({ path: 'amount', message: `must be at most ${MAX_AMOUNT}` });
  const descriptionPath = kind === 'correction' ? 'reason' : 'description';
  const memo = checkText(input.description, descriptionPath, 2, 512, problems);
  const key = callerReference({ order_id: input.order_id, idempotencyKey: options.idempotencyKey }, problems);
  if (problems.length || !currency || !key) throw AppError.validation(problems);

  const signed = kind === 'charge' ? -amount : amount;
  const counter = kind === 'correction' ? 'corrections' : 'operator_funds';
  const hash = requestHash({
    kind,
    affiliate: options.affiliateId,
    currency: currency.code,
    amount,
    memo,
    vars: [input.var1 ?? null, input.var2 ?? null, input.var3 ?? null],
  });
  return inTransaction(db, async (trx) => {
    const posted = await postEntry({
      db: trx,
      actor: options.actor,
      cause: kind,
      reference: `operator:${key}`,
      requestHash: hash,
      affiliateId: options.affiliateId,
      causeReference: key,
      memo,
      postings: [
        {
          account: { kind: 'available', affiliateId: options.affiliateId, currency: currency.code },
          amount: signed,
        },
        { account: { kind: counter, currency: currency.code }, amount: -signed },
      ],
    });
    if (!posted.replayed) {
      await recordAffiliateEvent(trx, {
        affiliateId: options.affiliateId,
        type: EVENTS[kind],
        actor: options.actor,
        data: { entry_id: posted.entry.id, currency: currency.code, amount: signed.toString(), memo },
      });
    }
    return posted;
  });
}
