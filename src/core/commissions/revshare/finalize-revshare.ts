import { sql, type Transaction } from 'kysely';
import type { Db } from '../../../db/index.ts';
import type { DB } from '../../../db/schema.ts';
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
  /** Later periods already finalized, worked out again because their carry-in may have changed. */
  later_periods: { period_start: string; period_end: string }[];
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
    const counts = await finalizeOne(trx, period, options, now);
    // A later period already finalized took this one's carry-out as its carry-in: worked out
    // again in order, each difference an adjustment row of its own period.
    const later = await laterPeriods(trx, period, options);
    for (const next of later) {
      const more = await finalizeOne(trx, next, options, now);
      counts.written += more.written;
      counts.adjustments += more.adjustments;
    }
    return {
      period_start: period.start,
      period_end: period.end,
      accruals_refreshed: refreshed,
      later_periods: later.map((p) => ({ period_start: p.start, period_end: p.end })),
      ...counts,
    };
  });
}

type Scope = { brandId?: number; affiliateIds?: number[]; actor: Actor };

async function finalizeOne(trx: Transaction<DB>, period: Period, scope: Scope, now: Date) {
  const computed = await computePeriod(trx, {
    period,
    brandId: scope.brandId,
    affiliateIds: scope.affiliateIds,
  });
  const cuts = await cutTargets(trx, computed);
  const counts = await writeTargets(
    trx,
    { ...scope, period },
    { revshare: revshareTargets(computed), cuts },
    now,
  );
  await saveSettlements(trx, computed, scope);
  return { streams: computed.streams.length, ...counts };
}

/** The periods finalized after `period` in the scope, oldest first. */
async function laterPeriods(trx: Transaction<DB>, period: Period, scope: Scope): Promise<Period[]> {
  const { rows } = await sql<{ start: string; end: string }>`
    select distinct period_start::text as start, period_end::text as end from revshare_settlements
    where period_start > ${period.end}::date
      ${scope.brandId !== undefined ? sql`and brand_id = ${scope.brandId}` : sql``}
      ${scope.affiliateIds ? sql`and affiliate_id = any(${scope.affiliateIds}::int[])` : sql``}
    order by 1`.execute(trx);
  return rows;
}
