import { defaultMinorUnit, formatMoney } from '../customers/money.ts';
import type { Dimension, Metric, ReportQuery, ReportRow } from './catalog.ts';
import { addDays, type DayRange, monthStart, resolveQuick, todayIn } from './periods.ts';

/** The figures a dashboard shows, in this order, where the reader may see them. */
export const DASHBOARD_METRICS: readonly Metric[] = [
  'clicks',
  'registrations',
  'ftd_count',
  'total_commission',
];

export interface DashboardPlan {
  today: string;
  /** The days of the stats and the chart: last month's first day (or 30 days back) to tomorrow. */
  daily: ReportQuery;
  top: ReportQuery;
  countries: ReportQuery;
  /** The 30 days the charts cover. */
  chartDays: string[];
}

/** The three reports behind a dashboard. */
export function dashboardPlan(opts: {
  timeZone: string;
  columns: Metric[];
  currency?: string | null;
  topBy: Dimension;
}): DashboardPlan {
  const today = todayIn(opts.timeZone);
  const thirty = addDays(today, -29);
  const lastMonth = monthStart(today, -1);
  const base = {
    timezone: opts.timeZone,
    columns: opts.columns,
    ...(opts.currency ? { currency: opts.currency } : {}),
  };
  const recent = { ...base, from: thirty, to: addDays(today, 1) };
  const ranked = (by: Dimension): ReportQuery => ({
    ...recent,
    group_by: [by],
    sort: [{ by: 'clicks', direction: 'desc' }],
    page_size: 20,
  });
  return {
    today,
    daily: {
      ...base,
      from: [lastMonth, thirty].sort()[0] ?? thirty, // the earlier day
      to: addDays(today, 1),
      group_by: ['day'],
      page_size: 1000,
    },
    top: ranked(opts.topBy),
    countries: ranked('country'),
    chartDays: Array.from({ length: 30 }, (_, i) => addDays(thirty, i)),
  };
}

/** Counts summed, money summed per currency: a group's figures over its rows (one per currency). */
export interface Figures {
  counts: Partial<Record<Metric, number>>;
  money: Record<string, number>;
}

export const emptyFigures = (): Figures => ({ counts: {}, money: {} });

export function addRow(into: Figures, row: ReportRow): Figures {
  for (const metric of DASHBOARD_METRICS) {
    const value = row[metric];
    if (typeof value !== 'number') continue;
    if (metric === 'total_commission') {
      if (typeof row.currency === 'string')
        into.money[row.currency] = (into.money[row.currency] ?? 0) + value;
    } else into.counts[metric] = (into.counts[metric] ?? 0) + value;
  }
  return into;
}

/** The day (YYYY-MM-DD in the report's zone) a `day` row stands for. */
export const dayOfRow = (row: ReportRow, timeZone: string) =>
  typeof row.day === 'string' ? todayIn(timeZone, new Date(row.day)) : '';

export function figuresByDay(rows: readonly ReportRow[], timeZone: string): Map<string, Figures> {
  const days = new Map<string, Figures>();
  for (const row of rows) {
    const day = dayOfRow(row, timeZone);
    days.set(day, addRow(days.get(day) ?? emptyFigures(), row));
  }
  return days;
}

export function figuresIn(days: Map<string, Figures>, range: DayRange): Figures {
  const out = emptyFigures();
  for (const [day, f] of days) {
    if (day < range.from || day >= range.to) continue;
    for (const [k, v] of Object.entries(f.counts))
      out.counts[k as Metric] = (out.counts[k as Metric] ?? 0) + v;
    for (const [c, v] of Object.entries(f.money)) out.money[c] = (out.money[c] ?? 0) + v;
  }
  return out;
}

export const QUICK_STATS = [
  { key: 'today', label: 'Today' },
  { key: 'yesterday', label: 'Yesterday' },
  { key: 'this_month', label: 'This month' },
  { key: 'last_month', label: 'Last month' },
] as const;

export const quickRange = (key: (typeof QUICK_STATS)[number]['key'], today: string) =>
  resolveQuick(key, today);

/** Commissions of several currencies, each on its own; none: zero in the report currency. */
export function moneyText(money: Record<string, number>, currency?: string | null): string {
  const entries = Object.entries(money);
  if (entries.length === 0) return currency ? formatMoney(0, currency) : '0';
  return entries.map(([c, v]) => formatMoney(v, c)).join(', ');
}

/** Minor units as a number of major units, for a chart's axis (drawing, not accounting). */
export const major = (minor: number, currency: string) => minor / 10 ** defaultMinorUnit(currency);

/** Rows of a ranked report merged per group (a group has a row per currency), best first. */
export function ranked(
  rows: readonly ReportRow[],
  by: string,
  top = 10,
): { label: string; clicks: number }[] {
  const groups = new Map<string, { label: string; clicks: number }>();
  for (const row of rows) {
    // No value (a click without a known country, an unattributed customer) is a group of its own.
    const id = row[by] === null || row[by] === undefined ? '' : String(row[by]);
    const name = row[`${by}_name`];
    const label = typeof name === 'string' && name ? name : id || 'Unknown';
    const group = groups.get(id) ?? { label, clicks: 0 };
    group.clicks += typeof row.clicks === 'number' ? row.clicks : 0;
    groups.set(id, group);
  }
  return [...groups.values()].sort((a, b) => b.clicks - a.clicks).slice(0, top);
}
