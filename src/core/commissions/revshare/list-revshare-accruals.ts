import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import { checkPeriod, computePeriod, type Period, type Stream } from './compute-period.ts';
import { refreshAccruals } from './refresh-accruals.ts';

export interface AccrualPreview {
  affiliate_id: number;
  brand_id: number;
  plan: { id: number; name: string };
  version: { id: number; version: number };
  currency: string;
  period_start: string;
  period_end: string;
  customers: number;
  held_customers: number;
  figures: Record<string, number>;
  ggr: number;
  net_pl: number;
  net_deposits: number;
  basis: 'ngr' | 'net_pl' | 'net_deposits';
  basis_amount: string;
  /** The rate reached (null for a ladder: each band its own, see `bands`). */
  rate: string | null;
  bands: { from: number; to: number | null; rate: string; part: string; commission: string }[];
  commission: number;
  carry_in: number;
  carry_out: number;
  /** What finalizing the period now would pay. */
  amount: number;
  explanation: string;
}

/**
 * What the period's RevShare would be if it were finalized now, per affiliate, plan version and
 * currency: the accruals brought up to date first, nothing else written. The period defaults
 * to the current month up to today. A limited manager sees only their affiliates.
 */
export async function listRevshareAccruals(options: {
  db: Db;
  period?: Partial<Period>;
  brandId?: number;
  affiliateId?: number;
  managerId?: number;
  limit: number;
  offset: number;
  now?: Date;
}): Promise<{ data: AccrualPreview[]; total: number }> {
  const today = (options.now ?? new Date()).toISOString().slice(0, 10);
  const period = {
    start: options.period?.start ?? `${today.slice(0, 8)}01`,
    end: options.period?.end ?? today,
  };
  const problems = checkPeriod(period);
  if (problems.length) throw AppError.validation(problems);
  return inTransaction(options.db, async (trx) => {
    await refreshAccruals(trx);
    let affiliateIds = options.affiliateId === undefined ? undefined : [options.affiliateId];
    if (options.managerId !== undefined) {
      const managed = await trx
        .selectFrom('affiliates')
        .select('id')
        .where('account_manager_id', '=', options.managerId)
        .execute();
      const ids = managed.map((m) => m.id);
      affiliateIds = affiliateIds ? affiliateIds.filter((id) => ids.includes(id)) : ids;
    }
    const computed = await computePeriod(trx, { period, brandId: options.brandId, affiliateIds });
    const data = computed.streams
      .slice(options.offset, options.offset + options.limit)
      .map((s) => preview(s, period));
    return { data, total: computed.streams.length };
  });
}

function preview(s: Stream, period: Period): AccrualPreview {
  const n = (v: bigint) => Number(v);
  return {
    affiliate_id: s.affiliate_id,
    brand_id: s.brand_id,
    plan: s.plan,
    version: s.version,
    currency: s.currency,
    period_start: period.start,
    period_end: period.end,
    customers: s.customers,
    held_customers: s.held.customers,
    figures: Object.fromEntries(Object.entries(s.figures).map(([k, v]) => [k, n(v)])),
    ggr: n(s.result.ggr),
    net_pl: n(s.result.net_pl),
    net_deposits: n(s.result.net_deposits),
    basis: s.result.basis,
    basis_amount: s.result.basis_amount,
    rate: s.result.rate.rate,
    bands: s.result.rate.parts.map(({ from, to, rate, part, commission }) => ({
      from,
      to,
      rate,
      part,
      commission,
    })),
    commission: n(s.result.carry.raw),
    carry_in: n(s.result.carry.carry_in),
    carry_out: n(s.result.carry.carry_out),
    amount: n(s.result.carry.amount),
    explanation: s.explanation,
  };
}
