import { Type } from 'typebox';
import { ReportQuerySchema } from '../../core/reports/engine/report-query.ts';
import { RELATIVE_PERIODS } from '../../core/reports/favorites/resolve-period.ts';
import { ListOf, PageQuery, Timestamp } from './common.ts';

/** A report as a favorite keeps it: the report query without its dates and paging. */
export const FavoriteReport = Type.Omit(ReportQuerySchema, ['from', 'to', 'page', 'page_size']);

const Day = (description: string) => Type.String({ maxLength: 10, description, examples: ['2026-03-01'] });

export const FavoriteDates = Type.Object(
  {
    from: Type.Optional(Day('Fixed dates: the first day, included')),
    to: Type.Optional(Day('Fixed dates: the day after the last, excluded')),
    period: Type.Optional(
      Type.String({
        maxLength: 20,
        description: `A relative period resolved each time the report runs, in the report's time zone: ${RELATIVE_PERIODS.join(', ')}. Weeks start on Monday; this week and this month are whole; last_n_days is the n days ending today.`,
      }),
    ),
    n: Type.Optional(
      Type.Integer({ minimum: 0, maximum: 10_000, description: 'Days for last_n_days (1 to 366)' }),
    ),
  },
  {
    additionalProperties: false,
    description: 'Either fixed dates (from and to) or a period',
    examples: [{ period: 'last_month' }, { from: '2026-03-01', to: '2026-03-23' }],
  },
);

export const FavoriteBody = Type.Object(
  { name: Type.String({ maxLength: 200 }), report: FavoriteReport, dates: FavoriteDates },
  { additionalProperties: false },
);
export const FavoritePatch = Type.Partial(FavoriteBody, { additionalProperties: false });

export const Favorite = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  report: FavoriteReport,
  dates: FavoriteDates,
  resolved: Type.Object(
    { from: Type.String(), to: Type.String() },
    { description: 'The days the dates stand for now (to excluded)' },
  ),
  created_at: Timestamp,
  updated_at: Timestamp,
});
export const FavoritePage = ListOf(Favorite);
export const FavoriteListQuery = Type.Object({ ...PageQuery }, { additionalProperties: false });
export const FavoriteRunQuery = Type.Object(
  {
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
    page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })),
  },
  { additionalProperties: false },
);
export const FavoriteParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) });

export const FAVORITES_HELP =
  'Favorites are saved report configurations (filters, columns, grouping, currency, sort, time zone) with fixed dates or a relative period (today, yesterday, this_week, last_week, this_month, last_month, last_n_days with n) resolved each time the favorite runs. Each user sees and changes only their own.';
