// @internal: the exchange rates a converted report uses, as factors between minor units.
import type { Db } from '../../../db/index.ts';
import { AppError } from '../../errors.ts';
import { todayUtc } from '../../reference/dates.ts';
import { Dec } from '../../reference/decimal.ts';
import { assertCurrency } from '../../reference/get-currency.ts';
import { resolveExchangeRate } from '../../reference/get-exchange-rate.ts';
import type { ReportConversion } from './report-query.ts';
import type { ReportPlan, ReportSource } from './report-source.ts';

/**
 * Resolves the rate of `rateDate` (the latest on or before it, as everywhere in the platform)
 * from each currency the report's money is in to `currency`; a currency without one is a 422
 * naming it. Each amount is converted by the factor rate × 10^(target decimals − its decimals),
 * rounded half to even once per group and currency (report_round_half_even), as applyRate does.
 */
export async function convertPlan(
  db: Db,
  source: ReportSource,
  plan: ReportPlan,
  input: { currency: string; rateDate?: string },
): Promise<{ plan: ReportPlan; conversion: ReportConversion }> {
  const target = await assertCurrency(db, input.currency, 'currency', { allowDisabled: true });
  const rateDate = input.rateDate ?? todayUtc();
  const currencies = await source.currencies(db, plan);
  const minor = new Map(
    (
      await db
        .selectFrom('currencies')
        .select(['code', 'minor_unit'])
        .where('code', 'in', [...currencies, target.code])
        .execute()
    ).map((c) => [c.code, c.minor_unit]),
  );
  const factors = new Map<string, string>();
  const rates: ReportConversion['rates'] = [];
  const missing: string[] = [];
  for (const code of currencies.sort()) {
    const rate = await resolveExchangeRate(db, code, target.code, rateDate);
    if (!rate) {
      missing.push(code);
      continue;
    }
    rates.push({ from: code, to: target.code, rate: rate.rate });
    const shift = new Dec(10).pow(target.minor_unit - (minor.get(code) ?? 2));
    factors.set(code, new Dec(rate.rate).times(shift).toFixed());
  }
  if (missing.length)
    throw AppError.field(
      'currency',
      `no exchange rate from ${missing.join(', ')} to ${target.code} on or before ${rateDate}`,
    );
  return {
    plan: { ...plan, conversion: { currency: target.code, factors } },
    conversion: { currency: target.code, rate_date: rateDate, rates },
  };
}
