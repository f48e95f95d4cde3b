import type { Db } from '../../../db/index.ts';
import type { ClickCountSubject } from '../../../db/tables/click-counts.ts';
import { isTimezone } from '../../affiliates/formats.ts';
import { managedAffiliateIds } from '../../auth/managed-affiliates.ts';
import type { Scope } from '../../catalog/types.ts';
import { AppError } from '../../errors.ts';
import { type ClickPeriods, clickPeriods } from './periods.ts';

export interface ClickTally {
  clicks: number;
  unique_clicks: number;
}

/** Clicks and unique clicks today, in the last 7 and the last 30 days (today included). */
export interface ClickCounts {
  today: ClickTally;
  last_7_days: ClickTally;
  last_30_days: ClickTally;
}

export const noClicks = (): ClickCounts => ({
  today: { clicks: 0, unique_clicks: 0 },
  last_7_days: { clicks: 0, unique_clicks: 0 },
  last_30_days: { clicks: 0, unique_clicks: 0 },
});

/** The periods for a reader in `timeZone` (UTC when not given); a name no zone has is refused. */
export function periodsIn(timeZone: string | undefined, now = Date.now()): ClickPeriods {
  const zone = timeZone ?? 'UTC';
  if (!isTimezone(zone)) throw AppError.field('time_zone', 'enter a time zone like Europe/Paris or UTC');
  return clickPeriods(zone, now);
}

type Ids = number[] | ReturnType<typeof managedAffiliateIds>;
type Sum = string | number | bigint | null;
interface TallyRow {
  id: number;
  today_clicks: Sum;
  today_unique: Sum;
  week_clicks: Sum;
  week_unique: Sum;
  month_clicks: Sum;
  month_unique: Sum;
}

/**
 * The counts of each subject among `ids` in the three periods, from at most one row per hour
 * and subject. Subjects without clicks are left out. A destination link counted for a scope
 * (one affiliate, or a limited manager's) adds up the scope's promos on it instead, so nobody
 * learns of another affiliate's clicks.
 */
export async function tallyClicks(
  db: Db,
  subject: ClickCountSubject,
  ids: Ids,
  periods: ClickPeriods,
  scope: Scope = {},
): Promise<Map<number, ClickCounts>> {
  if (Array.isArray(ids) && ids.length === 0) return new Map();
  const scoped = scope.affiliateId !== undefined || scope.managerId !== undefined;
  let query = db
    .selectFrom('click_counts')
    .where('click_counts.hour', '>=', periods.last_30_days)
    .select((eb) => {
      const sum = (column: 'clicks' | 'unique_clicks', from?: Date) =>
        from
          ? eb.fn.sum<string | null>(`click_counts.${column}`).filterWhere('click_counts.hour', '>=', from)
          : eb.fn.sum<string | null>(`click_counts.${column}`);
      return [
        sum('clicks', periods.today).as('today_clicks'),
        sum('unique_clicks', periods.today).as('today_unique'),
        sum('clicks', periods.last_7_days).as('week_clicks'),
        sum('unique_clicks', periods.last_7_days).as('week_unique'),
        sum('clicks').as('month_clicks'),
        sum('unique_clicks').as('month_unique'),
      ];
    });
  let rows: TallyRow[];
  if (subject === 'destination_link' && scoped) {
    let promos = query
      .innerJoin('promos', 'promos.id', 'click_counts.subject_id')
      .where('click_counts.subject', '=', 'promo')
      .where('promos.destination_link_id', 'in', ids);
    if (scope.affiliateId !== undefined) promos = promos.where('promos.affiliate_id', '=', scope.affiliateId);
    if (scope.managerId !== undefined)
      promos = promos.where('promos.affiliate_id', 'in', managedAffiliateIds(db, scope.managerId));
    rows = await promos
      .select('promos.destination_link_id as id')
      .groupBy('promos.destination_link_id')
      .execute();
  } else {
    query = query.where('click_counts.subject', '=', subject).where('click_counts.subject_id', 'in', ids);
    rows = await query.select('click_counts.subject_id as id').groupBy('click_counts.subject_id').execute();
  }
  const n = (v: Sum) => Number(v ?? 0);
  return new Map(
    rows.map((r) => [
      r.id,
      {
        today: { clicks: n(r.today_clicks), unique_clicks: n(r.today_unique) },
        last_7_days: { clicks: n(r.week_clicks), unique_clicks: n(r.week_unique) },
        last_30_days: { clicks: n(r.month_clicks), unique_clicks: n(r.month_unique) },
      },
    ]),
  );
}

/** The counts of several subjects added up. */
export function sumCounts(all: Iterable<ClickCounts>): ClickCounts {
  const total = noClicks();
  for (const counts of all) {
    for (const period of ['today', 'last_7_days', 'last_30_days'] as const) {
      total[period].clicks += counts[period].clicks;
      total[period].unique_clicks += counts[period].unique_clicks;
    }
  }
  return total;
}
