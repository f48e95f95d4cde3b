import type { ScheduleFrequency } from '../../../db/tables/ledger.ts';

export interface ScheduleRule {
  frequency: ScheduleFrequency;
  /** ISO weekdays, 1 (Monday) to 7 (Sunday). */
  weekdays: number[];
  /** Dates of the month, 1 to 31. */
  month_days: number[];
}

const lastDayOf = (year: number, month: number) => new Date(Date.UTC(year, month + 1, 0)).getUTCDate();

/**
 * Whether a schedule pays on a UTC date ('YYYY-MM-DD'). Monthly pays on the 1st. A chosen date the
 * month does not have (29 to 31) falls on its last day: 31 pays on 30 April and 28 February.
 */
export function isDue(rule: ScheduleRule, date: string): boolean {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const d = new Date(Date.UTC(year, month - 1, day));
  switch (rule.frequency) {
    case 'daily':
      return true;
    case 'monthly':
      return day === 1;
    case 'weekdays':
      return rule.weekdays.includes(((d.getUTCDay() + 6) % 7) + 1);
    case 'dates': {
      const last = lastDayOf(year, month - 1);
      return rule.month_days.some((chosen) => Math.min(chosen, last) === day);
    }
  }
}
