// @internal: a bill run's thresholds in each bill's currency
import type { Db } from '../../db/index.ts';
import { applyRate } from '../reference/convert-amount.ts';
import { resolveExchangeRate } from '../reference/get-exchange-rate.ts';

/**
 * The affiliate's threshold is in its default currency; a bill in another currency compares
 * against it converted at the rate of the period's last day (the latest on or before it). Null
 * when no rate connects the two: the sum cannot be judged, so it waits like one below the
 * threshold. Rates and minor units are read once per run and currency pair.
 */
export function thresholdConverter(db: Db, date: string) {
  const rates = new Map<string, Promise<string | null>>();
  let minorUnits: Promise<Map<string, number>> | undefined;
  const units = () => {
    minorUnits ??= db
      .selectFrom('currencies')
      .select(['code', 'minor_unit'])
      .execute()
      .then((rows) => new Map(rows.map((r) => [r.code, r.minor_unit])));
    return minorUnits;
  };
  return async (threshold: bigint, from: string | null, to: string): Promise<bigint | null> => {
    if (threshold === 0n || from === null || from === to) return threshold;
    const key = `${from}:${to}`;
    if (!rates.has(key))
      rates.set(
        key,
        resolveExchangeRate(db, from, to, date).then((r) => r?.rate ?? null),
      );
    const rate = await rates.get(key)!;
    if (rate === null) return null;
    const minor = await units();
    return applyRate(threshold, rate, minor.get(from) ?? 2, minor.get(to) ?? 2);
  };
}
