import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { Actor } from '../../actor.ts';
import { AppError, type FieldError } from '../../errors.ts';
import { recordAffiliateEvent } from '../../identity/event-log/record-affiliate-event.ts';
import { assertAffiliate, checkCurrency, MAX_AMOUNT } from '../idempotency.ts';
import { type ScheduleView, toScheduleView } from './schedule-view.ts';

export interface ScheduleInput {
  currency: string;
  payment_method_id: number;
  frequency: string;
  weekdays?: number[];
  month_days?: number[];
  /** Minor units: no cash-out below it; at most max per run; the reserve stays in the balance. */
  min_amount: number;
  max_amount: number;
  reserve_amount?: number;
  enabled?: boolean;
}

const FREQUENCIES = ['daily', 'monthly', 'weekdays', 'dates'] as const;

/**
 * Sets the affiliate's automatic cash-out schedule for a currency (one per currency: a second save
 * replaces it). Every problem is listed at once.
 */
export async function saveCashOutSchedule(options: {
  db: Db;
  actor: Actor;
  affiliateId: number;
  input: ScheduleInput;
}): Promise<ScheduleView> {
  const { db, affiliateId, input } = options;
  await assertAffiliate(db, affiliateId);
  const problems: FieldError[] = [];
  const currency = await checkCurrency(db, input.currency, 'currency', problems);
  const frequency = FREQUENCIES.find((f) => f === input.frequency);
  if (!frequency) problems.push({ path: 'frequency', message: `must be one of: ${FREQUENCIES.join(', ')}` });
  const weekdays = [...new Set(input.weekdays ?? [])];
  const monthDays = [...new Set(input.month_days ?? [])];
  if (weekdays.some((d) => !Number.isInteger(d) || d < 1 || d > 7))
    problems.push({ path: 'weekdays', message: 'must be weekdays 1 (Monday) to 7 (Sunday)' });
  else if (frequency === 'weekdays' && weekdays.length === 0)
    problems.push({ path: 'weekdays', message: 'choose at least one weekday' });
  if (monthDays.some((d) => !Number.isInteger(d) || d < 1 || d > 31))
    problems.push({ path: 'month_days', message: 'must be dates 1 to 31' });
  else if (frequency === 'dates' && monthDays.length === 0)
    problems.push({ path: 'month_days', message: 'choose at least one date' });
  const amount = (path: string, value: number | undefined, least: bigint) => {
    const v = BigInt(value ?? 0);
    if (v < least) problems.push({ path, message: `must be at least ${least}` });
    else if (v > MAX_AMOUNT) problems.push({ path, message: `must be at most ${MAX_AMOUNT}` });
    return v;
  };
  const min = amount('min_amount', input.min_amount, 0n);
  const max = amount('max_amount', input.max_amount, 1n);
  const reserve = amount('reserve_amount', input.reserve_amount, 0n);
  if (max > 0n && min > max) problems.push({ path: 'min_amount', message: 'must be at most max_amount' });
  const method = await db
    .selectFrom('wallet_payment_methods')
    .select(['id', 'verification'])
    .where('id', '=', input.payment_method_id)
    .where('affiliate_id', '=', affiliateId)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();
  if (!method) problems.push({ path: 'payment_method_id', message: 'is not one of your payment methods' });
  if (problems.length || !currency || !frequency) throw AppError.validation(problems);
  return inTransaction(db, async (trx) => {
    const now = new Date();
    const values = {
      payment_method_id: input.payment_method_id,
      frequency,
      weekdays: frequency === 'weekdays' ? weekdays : [],
      month_days: frequency === 'dates' ? monthDays : [],
      min_amount: min,
      max_amount: max,
      reserve_amount: reserve,
      enabled: input.enabled ?? true,
      updated_at: now,
    };
    const row = await trx
      .insertInto('cash_out_schedules')
      .values({ affiliate_id: affiliateId, currency: currency.code, created_at: now, ...values })
      .onConflict((oc) => oc.columns(['affiliate_id', 'currency']).doUpdateSet(values))
      .returningAll()
      .executeTakeFirstOrThrow();
    const view = toScheduleView(row);
    await recordAffiliateEvent(trx, {
      affiliateId,
      type: 'cashout_schedule_saved',
      actor: options.actor,
      data: { ...view, min_amount: `${min}`, max_amount: `${max}`, reserve_amount: `${reserve}` },
    });
    return view;
  });
}
