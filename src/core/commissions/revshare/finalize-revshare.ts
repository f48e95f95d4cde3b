import { sql } from 'kysely';
import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { Actor } from '../../actor.ts';
import { AppError } from '../../errors.ts';
import { checkNoOverlap, checkPeriod, computePeriod, type Period } from './compute-period.ts';
import { refreshAccruals } from './refresh-accruals.ts';
import { cutTargets, revshareTargets } from './revshare-targets.ts';
import { saveSettlements, writeTargets } from './write-revshare.ts';

export interface FinalizeResult {
  period_start: string;
  period_end: string;
  /** (customer, day) accruals worked out again first, from events that arrived since. */
  accruals_refreshed: number;
  /** Affiliate, plan version and currency results of the period. */
  streams: number;
  /** Commissions written for the first time (RevShare and sub-affiliate cuts). */
  written: number;
  /** Adjustment rows: a late event (or release) changed an already finalized result. */
  adjustments: number;
  /** Results that equal what was already written: nothing new. */
  unchanged: number;
}

/**
 * Finalizes a period's RevShare per affiliate, plan version and currency, then the
 * sub-affiliate cuts to the referrers (one or two levels), synchronously in one transaction.
 * Idempotent: each result has a source key; a result equal to what its rows already sum to
 * writes nothing, a different one (a late event, a released customer, a re-attribution) writes
 * one adjustment row for the difference, never an edit. Finalized RevShare is approved: the
 * operator's finalization is its approval.
 */
export async function finalizeRevshare(options: {
  db: Db;
  actor: Actor;
  period: Period;
  brandId?: number;
  affiliateIds?: number[];
  now?: Date;
}): Promise<FinalizeResult> {
  const { period } = options;
  const now = options.now ?? new Date();
  const problems = checkPeriod(period);
  if (!problems.length && period.end >= now.toISOString().slice(0, 10))
    problems.push({
      path: 'period_end',
      message: 'must be before today: a period is finalized once it has ended',
    });
  if (problems.length) throw AppError.validation(problems);

  return inTransaction(options.db, async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext('affluent.revshare_finalize'))`.execute(trx);
    await checkNoOverlap(trx, period, options);
    const refreshed = await refreshAccruals(trx);
    const computed = await computePeriod(trx, {
      period,
      brandId: options.brandId,
      affiliateIds: options.affiliateIds,
    });
    const targets = [...revshareTargets(computed), ...(await cutTargets(trx, computed))];
    const counts = await writeTargets(trx, options, targets, now);
    await saveSettlements(trx, computed, options);
    return {
      period_start: period.start,
      period_end: period.end,
      accruals_refreshed: refreshed,
      streams: computed.streams.length,
      ...counts,
    };
  });
}
