/**
 * When an automatic cash-out schedule pays, pure (payouts/schedules.test.ts runs the schedules
 * through the API): daily, monthly on the 1st, ISO weekdays 1 (Monday) to 7 (Sunday), and chosen
 * dates, where 29 to 31 fall on a shorter month's last day (February of a leap year and not).
 */
import { describe, expect, it } from 'vitest';
import { isDue, type ScheduleRule } from '../../src/core/ledger/schedules/schedule-dates.ts';

const rule = (r: Partial<ScheduleRule> & Pick<ScheduleRule, 'frequency'>): ScheduleRule => ({
  weekdays: [],
  month_days: [],
  ...r,
});
/** The days of `days` the rule pays on. */
const paidOn = (r: ScheduleRule, days: string[]) => days.filter((d) => isDue(r, d));

describe('isDue', () => {
  it('daily pays every day, monthly on the 1st only', () => {
    const days = ['2026-02-28', '2026-03-01', '2026-03-02', '2026-12-31', '2027-01-01'];
    expect(paidOn(rule({ frequency: 'daily' }), days)).toEqual(days);
    expect(paidOn(rule({ frequency: 'monthly', month_days: [2], weekdays: [1] }), days)).toEqual([
      '2026-03-01',
      '2027-01-01',
    ]);
  });

  it('weekdays are ISO: 1 is Monday, 7 is Sunday', () => {
    // 30 November 2026 is a Monday; 6 December a Sunday.
    const week = [
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
      '2026-12-06',
    ];
    for (const [i, day] of week.entries())
      expect(paidOn(rule({ frequency: 'weekdays', weekdays: [i + 1] }), week), day).toEqual([day]);
    expect(paidOn(rule({ frequency: 'weekdays', weekdays: [7, 1], month_days: [1] }), week)).toEqual([
      '2026-11-30',
      '2026-12-06',
    ]);
    // Other months and years: 1 January 2027 is a Friday, 29 February 2028 a Tuesday.
    expect(isDue(rule({ frequency: 'weekdays', weekdays: [5] }), '2027-01-01')).toBe(true);
    expect(isDue(rule({ frequency: 'weekdays', weekdays: [2] }), '2028-02-29')).toBe(true);
    expect(isDue(rule({ frequency: 'weekdays', weekdays: [] }), '2028-02-29')).toBe(false);
  });

  it('dates pay on the chosen days of the month', () => {
    const r = rule({ frequency: 'dates', month_days: [1, 15], weekdays: [1, 2, 3, 4, 5, 6, 7] });
    expect(paidOn(r, ['2026-03-01', '2026-03-02', '2026-03-14', '2026-03-15', '2026-03-16'])).toEqual([
      '2026-03-01',
      '2026-03-15',
    ]);
  });

  it('29 to 31 fall on the last day of a shorter month', () => {
    const on31 = rule({ frequency: 'dates', month_days: [31] });
    expect(
      paidOn(on31, [
        '2026-01-30',
        '2026-01-31',
        '2026-02-27',
        '2026-02-28',
        '2026-03-30',
        '2026-03-31',
        '2026-04-29',
        '2026-04-30',
        '2026-06-30',
        '2026-11-30',
        '2026-12-30',
        '2026-12-31',
      ]),
    ).toEqual([
      '2026-01-31',
      '2026-02-28',
      '2026-03-31',
      '2026-04-30',
      '2026-06-30',
      '2026-11-30',
      '2026-12-31',
    ]);
    // A leap year's February has a 29th: 31 pays on it, not on the 28th.
    expect(paidOn(on31, ['2028-02-28', '2028-02-29'])).toEqual(['2028-02-29']);
    const on29 = rule({ frequency: 'dates', month_days: [29] });
    expect(
      paidOn(on29, ['2026-02-27', '2026-02-28', '2028-02-28', '2028-02-29', '2026-03-29', '2026-03-31']),
    ).toEqual(['2026-02-28', '2028-02-29', '2026-03-29']);
    // 30 and 31 both fall on 30 April: it pays once that day.
    expect(paidOn(rule({ frequency: 'dates', month_days: [30, 31] }), ['2026-04-29', '2026-04-30'])).toEqual([
      '2026-04-30',
    ]);
  });
});
