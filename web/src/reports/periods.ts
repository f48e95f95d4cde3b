/*
 * The report builder's quick periods, worked out the way the server resolves a favorite's
 * relative period (src/core/reports/favorites/resolve-period.ts): days in the reader's time zone,
 * `to` excluded, weeks from Monday, this week and this month whole.
 */

export const QUICK_PERIODS = [
  { value: 'today', label: 'Today' },
  { value: 'yesterday', label: 'Yesterday' },
  { value: 'this_week', label: 'This week' },
  { value: 'last_week', label: 'Last week' },
  { value: 'this_month', label: 'This month' },
  { value: 'last_month', label: 'Last month' },
  { value: 'last_7_days', label: 'Last 7 days' },
  { value: 'last_30_days', label: 'Last 30 days' },
] as const;

export type QuickPeriod = (typeof QUICK_PERIODS)[number]['value'];
export const QUICK_PERIOD_VALUES = QUICK_PERIODS.map((p) => p.value);

export interface DayRange {
  from: string;
  /** Excluded. */
  to: string;
}

const DAY_MS = 86_400_000;
const toDay = (date: string) => new Date(`${date}T00:00:00Z`);
const fromDay = (day: Date) => day.toISOString().slice(0, 10);
export const addDays = (date: string, n: number) => fromDay(new Date(toDay(date).getTime() + n * DAY_MS));
export const monthStart = (date: string, offset = 0) => {
  const d = toDay(date);
  return fromDay(new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + offset, 1)));
};
const weekStart = (date: string) => addDays(date, -((toDay(date).getUTCDay() + 6) % 7));

/** Today's date (YYYY-MM-DD) in `timeZone`. */
export function todayIn(timeZone: string, now = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

export function resolveQuick(period: QuickPeriod, today: string): DayRange {
  switch (period) {
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
    case 'last_7_days':
      return { from: addDays(today, -6), to: addDays(today, 1) };
    case 'last_30_days':
      return { from: addDays(today, -29), to: addDays(today, 1) };
  }
}

/** A quick period as a favorite's relative period (the server's names). */
export function favoritePeriod(period: QuickPeriod): { period: string; n?: number } {
  if (period === 'last_7_days') return { period: 'last_n_days', n: 7 };
  if (period === 'last_30_days') return { period: 'last_n_days', n: 30 };
  return { period };
}

/** A favorite's relative period back as a quick period, when the builder has one for it. */
export function quickOf(period: string, n?: number): QuickPeriod | undefined {
  if (period === 'last_n_days') return n === 7 ? 'last_7_days' : n === 30 ? 'last_30_days' : undefined;
  return QUICK_PERIOD_VALUES.find((p) => p === period);
}
