import type { ReportQuery } from '../engine/report-query.ts';
import { type DateRange, type FavoriteDates, resolvePeriod } from './resolve-period.ts';

/** A favorite's report: the report query without its dates and paging. */
export type FavoriteReport = Omit<ReportQuery, 'from' | 'to' | 'page' | 'page_size'>;

export interface FavoriteView {
  id: number;
  name: string;
  report: FavoriteReport;
  dates: FavoriteDates;
  /** What the dates stand for now, in the report's time zone. */
  resolved: DateRange;
  created_at: Date;
  updated_at: Date;
}

export function favoriteView(
  row: {
    id: number;
    name: string;
    report: Record<string, unknown>;
    dates: Record<string, unknown>;
    created_at: Date;
    updated_at: Date;
  },
  now = new Date(),
): FavoriteView {
  const report = row.report as FavoriteReport;
  const dates = row.dates as FavoriteDates;
  return {
    id: row.id,
    name: row.name,
    report,
    dates,
    resolved: resolvePeriod(dates, now, report.timezone ?? 'UTC'),
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** The report a favorite stands for at `now`, its relative dates resolved. */
export function favoriteQuery(
  favorite: FavoriteView,
  paging: { page?: number; page_size?: number } = {},
  now = new Date(),
): ReportQuery {
  const range = resolvePeriod(favorite.dates, now, favorite.report.timezone ?? 'UTC');
  return { ...favorite.report, ...range, ...paging };
}
