import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';
import { formatRate } from './decimal.ts';

/** A stored rate as a resolution used it. */
export interface RateLeg {
  base: string;
  quote: string;
  date: string;
  rate: string;
  source: string | null;
}

interface LegRow {
  other: string;
  base: string;
  quote: string;
  rate_date: string;
  rate: string;
  source: string | null;
}

const toLeg = (row: LegRow): RateLeg => ({
  base: row.base,
  quote: row.quote,
  date: row.rate_date,
  rate: formatRate(row.rate),
  source: row.source,
});

/** Of a pair stored both ways, the more recent row wins; on the same day the one from `from`. */
function fresher(a: RateLeg | undefined, b: RateLeg, from: string): RateLeg {
  if (!a || b.date > a.date) return b;
  if (b.date === a.date && b.base === from) return b;
  return a;
}

/**
 * For every currency that `code` has a rate with, in either direction, the latest such row on or
 * before `date`. Each probe is a backwards walk of the primary key, so the cost does not grow with
 * the years of history stored.
 */
export async function latestLegs(db: Db, code: string, date: string): Promise<Map<string, RateLeg>> {
  const { rows } = await sql<LegRow>`
    select c.code as other, l.base, l.quote, l.rate_date, l.rate, l.source
    from currencies c
    cross join lateral (
      (select base, quote, rate_date, rate, source from exchange_rates
        where base = ${code} and quote = c.code and rate_date <= ${date}::date
        order by rate_date desc limit 1)
      union all
      (select base, quote, rate_date, rate, source from exchange_rates
        where base = c.code and quote = ${code} and rate_date <= ${date}::date
        order by rate_date desc limit 1)
    ) l`.execute(db);
  const legs = new Map<string, RateLeg>();
  for (const row of rows) legs.set(row.other, fresher(legs.get(row.other), toLeg(row), code));
  return legs;
}

/** The latest row between `from` and `to` (either direction) on or before `date`. */
export async function latestBetween(
  db: Db,
  from: string,
  to: string,
  date: string,
): Promise<RateLeg | undefined> {
  const { rows } = await sql<LegRow>`
    (select ${to} as other, base, quote, rate_date, rate, source from exchange_rates
      where base = ${from} and quote = ${to} and rate_date <= ${date}::date
      order by rate_date desc limit 1)
    union all
    (select ${to} as other, base, quote, rate_date, rate, source from exchange_rates
      where base = ${to} and quote = ${from} and rate_date <= ${date}::date
      order by rate_date desc limit 1)`.execute(db);
  let best: RateLeg | undefined;
  for (const row of rows) best = fresher(best, toLeg(row), from);
  return best;
}
