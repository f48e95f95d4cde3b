import type { Favorite, FavoriteBody } from './api.ts';
import type { ReportQuery } from './catalog.ts';
import { addDays, favoritePeriod, quickOf } from './periods.ts';
import { ID_FILTERS, type ReportSearch, TEXT_FILTERS, validateReportSearch } from './report-search.ts';

/** The current report as a favorite: fixed days, or the quick period resolved each time it runs. */
export function favoriteOf(
  name: string,
  query: ReportQuery,
  search: ReportSearch,
  relative: boolean,
): FavoriteBody {
  const { from, to, page: _, page_size: __, ...report } = query;
  return {
    name,
    report,
    dates: relative && search.period ? favoritePeriod(search.period) : { from, to },
  };
}

/** A favorite back as the builder's address. */
export function searchOfFavorite(f: Favorite): ReportSearch {
  const { report, dates } = f;
  const quick = dates.period ? quickOf(dates.period, dates.n) : undefined;
  const fixed = quick ? undefined : { from: f.resolved.from, to: addDays(f.resolved.to, -1) };
  const filters = report.filters ?? {};
  const joined = (v: readonly (string | number)[] | undefined) => v?.join(',');
  const sort = report.sort?.[0];
  return validateReportSearch({
    period: quick,
    ...fixed,
    group: report.group_by.join(','),
    cols: joined(report.columns),
    ...Object.fromEntries([...ID_FILTERS, ...TEXT_FILTERS].map((f) => [f, joined(filters[f])])),
    currency: report.currency,
    rate_date: report.rate_date,
    sort: sort?.by,
    dir: sort?.direction,
  });
}
