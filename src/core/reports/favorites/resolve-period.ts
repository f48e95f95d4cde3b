export const RELATIVE_PERIODS = [
  'today',
  'yesterday',
  'this_week',
  'last_week',
  'this_month',
  'last_month',
  'last_n_days',
] as const;
export type RelativePeriod = (typeof RELATIVE_PERIODS)[number];

/** A favorite's dates: fixed days, or a period resolved when the report runs. */
export type FavoriteDates = { from: string; to: string } | { period: RelativePeriod; n?: number };

/** Days as the report takes them: `from` included, `to` excluded, midnight in the time zone. */
export interface DateRange {
  from: string;
  to: string;
}

const DAY_MS = 86_400_000;

/** The calendar day at `instant` in `timezone`, as YYYY-MM-DD. */
export function localDate(instant: Date, timezone: string): string {
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(instant);
}

// Calendar arithmetic on days only: a day is a UTC date here, whatever the zone it came from.
const toDay = (date: string) => new Date(`${date}T00:00:00Z`);
const fromDay = (day: Date) => day.toISOString().slice(0, 10);
const addDays = (date: string, n: number) => fromDay(new Date(toDay(date).getTime() + n * DAY_MS));
const monthStart = (date: string, offset = 0) => {
  const d = toDay(date);
  return fromDay(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1)));
};
/** Monday of the week of `date` (weeks start on Monday). */
const weekStart = (date: string) => addDays(date, -((toDay(date).getUTCDay() + 6) % 7));

/**
 * The days a favorite's dates stand for at `instant` in `timezone`. Fixed dates are themselves.
 * Periods are whole: this week is Monday to next Monday, this month the whole month (days still
 * to come hold nothing yet); last_n_days is the n days ending with today.
 */
export function resolvePeriod(dates: FavoriteDates, instant: Date, timezone = 'UTC'): DateRange {
  if (!('period' in dates)) return { from: dates.from, to: dates.to };
  const today = localDate(instant, timezone);
  switch (dates.period) {
    case 'today':
      return { from: today, to: addDays(today, 1) };
    case 'yesterday':
      return { from: addDays(today, -1), to: today };
    case 'this_week':
      return { from: weekStart(today), to: addDays(weekStart(today), 7) };
    case 'last_week':
      return { from: addDays(weekStart(today), -7), to: weekStart(today) };
    case 'this_month':
      return { from: monthStart(today), to: monthStart(today, 1) };
    case 'last_month':
      return { from: monthStart(today, -1), to: monthStart(today) };
    case 'last_n_days':
      return { from: addDays(today, 1 - (dates.n ?? 1)), to: addDays(today, 1) };
  }
}
