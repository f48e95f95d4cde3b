import { isUniqueViolation } from '../../../db/errors.ts';
import type { Db } from '../../../db/index.ts';
import type { Actor } from '../../actor.ts';
import { AppError } from '../../errors.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import { limitsInMinorUnits } from '../cash-outs/cash-out-limits.ts';
import { requestCashOut } from '../cash-outs/request-cash-out.ts';
import { isWalletType } from '../wallet/wallet-types.ts';
import { isDue } from './schedule-dates.ts';

export const AUTOMATIC: Actor = { type: 'system', id: null, name: 'automatic cash-out' };

export interface ScheduleRunResult {
  date: string;
  created: number[];
  skipped: { schedule_id: number; reason: string }[];
}

const minBig = (a: bigint, b: bigint) => (a < b ? a : b);
const maxBig = (a: bigint, b: bigint) => (a > b ? a : b);

/**
 * Requests the automatic cash-outs due on `date` (UTC, today by default): for each enabled
 * schedule due that day, the available balance less the reserve, at most the schedule's (and the
 * method's) maximum, when that is at least the schedule's (and the method's) minimum. At most one
 * per affiliate, currency and date (a unique index), so a re-run or a second worker requests
 * nothing twice.
 */
export async function runCashOutSchedules(options: {
  db: Db;
  date?: string;
  /** Emails each affiliate its automatic cash-out. */
  jobs?: JobQueue;
}): Promise<ScheduleRunResult> {
  const { db } = options;
  const date = options.date ?? new Date().toISOString().slice(0, 10);
  const schedules = await db
    .selectFrom('cash_out_schedules as s')
    .innerJoin('wallet_payment_methods as m', 'm.id', 's.payment_method_id')
    .innerJoin('currencies as c', 'c.code', 's.currency')
    .selectAll('s')
    .select(['m.type as method_type', 'c.minor_unit'])
    .where('s.enabled', '=', true)
    .where('m.deleted_at', 'is', null)
    .orderBy('s.id')
    .execute();
  const result: ScheduleRunResult = { date, created: [], skipped: [] };
  const skip = (schedule_id: number, reason: string) => result.skipped.push({ schedule_id, reason });
  for (const s of schedules.filter((row) => isDue(row, date))) {
    const done = await db
      .selectFrom('cash_outs')
      .select('id')
      .where('affiliate_id', '=', s.affiliate_id)
      .where('currency', '=', s.currency)
      .where('scheduled_for', '=', date)
      .executeTakeFirst();
    if (done) {
      skip(s.id, 'already requested for this date');
      continue;
    }
    if (!isWalletType(s.method_type)) continue;
    const account = await db
      .selectFrom('ledger_accounts')
      .select('balance')
      .where('kind', '=', 'available')
      .where('affiliate_id', '=', s.affiliate_id)
      .where('currency', '=', s.currency)
      .executeTakeFirst();
    const limits = limitsInMinorUnits(s.method_type, s.minor_unit);
    const amount = minBig((account?.balance ?? 0n) - s.reserve_amount, minBig(s.max_amount, limits.max));
    if (amount <= 0n || amount < maxBig(s.min_amount, limits.min)) {
      skip(s.id, 'the available balance less the reserve is below the minimum');
      continue;
    }
    try {
      const { cashOut, replayed } = await requestCashOut({
        db,
        actor: AUTOMATIC,
        affiliateId: s.affiliate_id,
        input: { currency: s.currency, amount, payment_method_id: s.payment_method_id },
        idempotencyKey: `auto:${s.id}:${date}`,
        schedule: { id: s.id, date },
        ...(options.jobs ? { jobs: options.jobs } : {}),
      });
      if (replayed) skip(s.id, 'already requested for this date');
      else result.created.push(cashOut.id);
    } catch (error) {
      if (isUniqueViolation(error)) skip(s.id, 'already requested for this date');
      else if (error instanceof AppError) skip(s.id, error.message);
      else throw error;
    }
  }
  return result;
}
