import type { BillingFrequency, DayOfWeek } from '../affiliates/billing-rules.ts';
import { DAYS_OF_WEEK } from '../affiliates/billing-rules.ts';

/** An affiliate's billing schedule, as `affiliate_billing` holds it. */
export interface BillingSchedule {
  frequency: BillingFrequency;
  day_of_week?: DayOfWeek | null;
  day_of_month?: number | null;
  day_of_month_one?: number | null;
  day_of_month_two?: number | null;
  starting_month?: number | null;
}

/** Whole UTC days, both ends included (`YYYY-MM-DD`). */
export interface Period {
  start: string;
  end: string;
}

const DAY_MS = 86_400_000;
const toTime = (day: string) => Date.parse(`${day}T00:00:00Z`);
const toDay = (time: number) => new Date(time).toISOString().slice(0, 10);
export const addDays = (day: string, n: number) => toDay(toTime(day) + n * DAY_MS);
const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** Day `d` of a month, or its last day when the month is shorter (31 in February is the 28th or 29th). */
function clampedDay(year: number, month: number, d: number): string {
  const day = Math.min(d, daysIn(year, month));
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Whether the schedule has periods of its own; manual (and other) are billed on demand only. */
export const isScheduled = (s: BillingSchedule) => cutDaysOfMonth(s, 2000, 1) !== null;

/**
 * The days a period starts on in one month (a period runs to the day before the next one, and its
 * bill is generated on that next day): weekly has its own rule, null for unscheduled frequencies.
 */
function cutDaysOfMonth(s: BillingSchedule, year: number, month: number): string[] | null {
  switch (s.frequency) {
    case 'monthly':
      return [clampedDay(year, month, s.day_of_month ?? 1)];
    case 'bimonthly':
      return [
        ...new Set([
          clampedDay(year, month, s.day_of_month_one ?? 1),
          clampedDay(year, month, s.day_of_month_two ?? 16),
        ]),
      ];
    case 'two_months':
    case 'quarterly': {
      const step = s.frequency === 'two_months' ? 2 : 3;
      const offset = (((month - (s.starting_month ?? 1)) % step) + step) % step;
      return offset === 0 ? [clampedDay(year, month, s.day_of_month ?? 1)] : [];
    }
    case 'weekly':
      return [];
    default:
      return null;
  }
}

/** The latest day a period starts on that is on or before `day`, and the one before it. */
function cutsAround(s: BillingSchedule, day: string): { last: string; previous: string } | null {
  if (s.frequency === 'weekly') {
    const target = DAYS_OF_WEEK.indexOf(s.day_of_week ?? 'monday');
    // getUTCDay: 0 is Sunday; DAYS_OF_WEEK starts on Monday.
    const weekday = (new Date(toTime(day)).getUTCDay() + 6) % 7;
    const last = addDays(day, -((weekday - target + 7) % 7));
    return { last, previous: addDays(last, -7) };
  }
  const [y, m] = day.split('-').map(Number) as [number, number];
  const cuts: string[] = [];
  // Seven months back covers a quarterly schedule's two previous starts.
  for (let i = -7; i <= 0; i++) {
    const at = new Date(Date.UTC(y, m - 1 + i, 1));
    const days = cutDaysOfMonth(s, at.getUTCFullYear(), at.getUTCMonth() + 1);
    if (days === null) return null;
    cuts.push(...days.filter((d) => d <= day));
  }
  cuts.sort();
  const last = cuts.at(-1);
  const previous = cuts.at(-2);
  return last && previous ? { last, previous } : null;
}

/**
 * The period whose bill is due by `today`: the latest one that has ended, and whose generation
 * delay (days after its end) has passed. Null for manual schedules.
 */
export function duePeriod(s: BillingSchedule, today: string, delayDays = 0): Period | null {
  const cuts = cutsAround(s, addDays(today, -delayDays));
  return cuts ? { start: cuts.previous, end: addDays(cuts.last, -1) } : null;
}

/** Every period of the schedule that starts on or after `from` and ends on or before `to`. */
export function periodsBetween(s: BillingSchedule, from: string, to: string): Period[] {
  const out: Period[] = [];
  let cursor = addDays(to, 1);
  for (;;) {
    const cuts = cutsAround(s, cursor);
    if (!cuts || cuts.previous < from) break;
    const period = { start: cuts.previous, end: addDays(cuts.last, -1) };
    if (period.end <= to) out.unshift(period);
    cursor = addDays(cuts.last, -1);
  }
  return out;
}

/** The day a period's bill may be generated: the day after it ends plus the generation delay. */
export const generationDay = (period: Period, delayDays: number) => addDays(period.end, 1 + delayDays);
