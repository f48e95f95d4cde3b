import { sql } from 'kysely';
import type { Db } from '../../../db/index.ts';
import { AppError } from '../../errors.ts';
import { applyRate } from '../../reference/convert-amount.ts';
import { resolveExchangeRate } from '../../reference/get-exchange-rate.ts';
import type { PeriodDimension, ReportConversion } from '../engine/report-query.ts';

/** The affiliate's sub-affiliate commissions in [from, to), by period, source, level and currency. */
export async function earnedRows(
  db: Db,
  affiliateId: number,
  plan: { from: Date; to: Date; timezone: string },
  period: PeriodDimension | null,
) {
  const at = period
    ? sql`(date_trunc(${period}, m.earned_at at time zone ${plan.timezone}) at time zone ${plan.timezone})`
    : sql`null::timestamptz`;
  const { rows } = await sql<{
    period: Date | null;
    sub: number;
    level: number;
    currency: string;
    amount: string;
  }>`
    select ${at} as period, m.source_affiliate_id as sub, m.level, m.currency, sum(m.amount)::text as amount
      from commissions m
     where m.affiliate_id = ${affiliateId} and m.kind in ('sub_cpa', 'sub_revshare', 'sub_net_pl')
       and m.status <> 'rejected' and m.source_affiliate_id is not null
       and m.earned_at >= ${plan.from} and m.earned_at < ${plan.to}
     group by 1, 2, 3, 4`.execute(db);
  return rows.map((r) => ({
    period: r.period === null ? null : new Date(r.period).toISOString(),
    sub: r.sub,
    level: r.level === 2 ? 2 : 1,
    currency: r.currency,
    amount: BigInt(r.amount),
  }));
}

/**
 * Converts earned amounts at the report's rate date; a currency the engine's figures had no need
 * of gets its rate here (and is listed with the others), one without a rate is a 422 as there.
 */
export async function conversionFactors(
  db: Db,
  conversion: ReportConversion,
  earned: { currency: string }[],
): Promise<(currency: string, amount: bigint) => bigint> {
  const rates = new Map(conversion.rates.map((r) => [r.from, r.rate]));
  const missing: string[] = [];
  for (const code of [...new Set(earned.map((e) => e.currency))].sort()) {
    if (rates.has(code)) continue;
    const rate = await resolveExchangeRate(db, code, conversion.currency, conversion.rate_date);
    if (!rate) missing.push(code);
    else {
      rates.set(code, rate.rate);
      conversion.rates.push({ from: code, to: conversion.currency, rate: rate.rate });
    }
  }
  if (missing.length)
    throw AppError.field(
      'currency',
      `no exchange rate from ${missing.join(', ')} to ${conversion.currency} on or before ${conversion.rate_date}`,
    );
  const minor = new Map(
    (
      await db
        .selectFrom('currencies')
        .select(['code', 'minor_unit'])
        .where('code', 'in', [...rates.keys(), conversion.currency])
        .execute()
    ).map((c) => [c.code, c.minor_unit]),
  );
  const to = minor.get(conversion.currency) ?? 2;
  return (currency, amount) => applyRate(amount, rates.get(currency)!, minor.get(currency) ?? 2, to);
}
