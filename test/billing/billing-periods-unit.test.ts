/**
 * Billing periods at their edges, pure (billing-periods.test.ts has each frequency's main case,
 * bills.test.ts the periods through the API): the defaults of every frequency, each weekday
 * including Sunday, a starting month after the current one, two billing days falling on one short
 * month's last day, the year end, a range shorter than a period, and the generation day.
 */
import { describe, expect, it } from 'vitest';
import {
  addDays,
  type BillingSchedule,
  duePeriod,
  generationDay,
  isScheduled,
  periodsBetween,
} from '../../src/core/billing/billing-periods.ts';

const spans = (ps: { start: string; end: string }[]) => ps.map((p) => `${p.start}..${p.end}`);
const due = (s: BillingSchedule, today: string, delay?: number) => {
  const p = duePeriod(s, today, delay);
  return p && `${p.start}..${p.end}`;
};

describe('which schedules have periods', () => {
  it('every frequency but manual and other', () => {
    for (const frequency of ['monthly', 'bimonthly', 'two_months', 'quarterly', 'weekly'] as const)
      expect(isScheduled({ frequency }), frequency).toBe(true);
    for (const frequency of ['manual', 'other'] as const) {
      expect(isScheduled({ frequency }), frequency).toBe(false);
      expect(due({ frequency }, '2026-03-15')).toBeNull();
    }
  });
});

describe('defaults', () => {
  it('monthly on the 1st, bimonthly on the 1st and 16th', () => {
    expect(due({ frequency: 'monthly' }, '2026-03-15')).toBe('2026-02-01..2026-02-28');
    expect(due({ frequency: 'bimonthly' }, '2026-03-20')).toBe('2026-03-01..2026-03-15');
    // On 10 March the 16th is still to come: the second half of February is the one due.
    expect(due({ frequency: 'bimonthly' }, '2026-03-10')).toBe('2026-02-16..2026-02-28');
    expect(due({ frequency: 'bimonthly', day_of_month_one: 5 }, '2026-03-20')).toBe('2026-03-05..2026-03-15');
    expect(due({ frequency: 'bimonthly', day_of_month_two: 20 }, '2026-03-25')).toBe(
      '2026-03-01..2026-03-19',
    );
  });

  it('two months and quarterly from January on the 1st, weekly from Monday', () => {
    // Starts of two months: January, March, May; on 10 June the last whole one is March–April.
    expect(due({ frequency: 'two_months' }, '2026-06-10')).toBe('2026-03-01..2026-04-30');
    // Quarters from January: on 10 June the last whole one is January–March.
    expect(due({ frequency: 'quarterly' }, '2026-06-10')).toBe('2026-01-01..2026-03-31');
    // 2026-12-02 is a Wednesday: the last Monday is 30 November, the week before it is due.
    expect(due({ frequency: 'weekly' }, '2026-12-02')).toBe('2026-11-23..2026-11-29');
  });
});

describe('weekly', () => {
  it('a period ends the day before its weekday, Sunday included', () => {
    // 2026-12-06 is a Sunday, 2026-12-07 a Monday.
    expect(due({ frequency: 'weekly', day_of_week: 'sunday' }, '2026-12-06')).toBe('2026-11-29..2026-12-05');
    expect(due({ frequency: 'weekly', day_of_week: 'saturday' }, '2026-12-06')).toBe(
      '2026-11-28..2026-12-04',
    );
    expect(due({ frequency: 'weekly', day_of_week: 'monday' }, '2026-12-07')).toBe('2026-11-30..2026-12-06');
    expect(due({ frequency: 'weekly', day_of_week: 'tuesday' }, '2026-12-07')).toBe('2026-11-24..2026-11-30');
    expect(due({ frequency: 'weekly', day_of_week: 'sunday' }, '2026-12-07')).toBe('2026-11-29..2026-12-05');
  });

  it('across the year end, and only whole weeks inside the range', () => {
    // 25 December 2026 and 1 January 2027 are Fridays.
    expect(
      spans(periodsBetween({ frequency: 'weekly', day_of_week: 'friday' }, '2026-12-25', '2027-01-07')),
    ).toEqual(['2026-12-25..2026-12-31', '2027-01-01..2027-01-07']);
    expect(
      spans(periodsBetween({ frequency: 'weekly', day_of_week: 'monday' }, '2026-11-30', '2026-12-09')),
    ).toEqual(['2026-11-30..2026-12-06']);
  });
});

describe('months', () => {
  it('quarterly from November runs November, February, May, August, across the year end', () => {
    const s = { frequency: 'quarterly' as const, starting_month: 11, day_of_month: 1 };
    expect(due(s, '2026-03-10')).toBe('2025-11-01..2026-01-31');
    expect(due(s, '2026-02-01')).toBe('2025-11-01..2026-01-31');
    expect(due(s, '2026-01-31')).toBe('2025-08-01..2025-10-31');
    expect(spans(periodsBetween(s, '2025-08-01', '2026-07-31'))).toEqual([
      '2025-08-01..2025-10-31',
      '2025-11-01..2026-01-31',
      '2026-02-01..2026-04-30',
      '2026-05-01..2026-07-31',
    ]);
  });

  it('a quarter starting later this month: the two starts before it are three and six months back', () => {
    // Quarters from January on the 15th; on 10 April the April start is still to come.
    expect(due({ frequency: 'quarterly', day_of_month: 15 }, '2026-04-10')).toBe('2025-10-15..2026-01-14');
  });

  it('two months from December, on the 15th', () => {
    const s = { frequency: 'two_months' as const, starting_month: 12, day_of_month: 15 };
    // Starts: 15 December, 15 February, 15 April.
    expect(spans(periodsBetween(s, '2025-12-01', '2026-04-30'))).toEqual([
      '2025-12-15..2026-02-14',
      '2026-02-15..2026-04-14',
    ]);
  });

  it('monthly across December, on the 31st', () => {
    expect(
      spans(periodsBetween({ frequency: 'monthly', day_of_month: 31 }, '2025-11-30', '2026-01-30')),
    ).toEqual(['2025-11-30..2025-12-30', '2025-12-31..2026-01-30']);
    expect(due({ frequency: 'monthly', day_of_month: 1 }, '2026-01-05')).toBe('2025-12-01..2025-12-31');
  });

  it('bimonthly on the 30th and 31st has one billing day in February', () => {
    const s = { frequency: 'bimonthly' as const, day_of_month_one: 30, day_of_month_two: 31 };
    expect(spans(periodsBetween(s, '2026-01-30', '2026-03-30'))).toEqual([
      '2026-01-30..2026-01-30',
      '2026-01-31..2026-02-27',
      '2026-02-28..2026-03-29',
      '2026-03-30..2026-03-30',
    ]);
    // April has no 31st: both days are its 30th, so the period from 31 March runs to 29 April.
    expect(due(s, '2026-05-10')).toBe('2026-03-31..2026-04-29');
  });

  it('bimonthly days give the same periods in either order', () => {
    const forward = { frequency: 'bimonthly' as const, day_of_month_one: 5, day_of_month_two: 20 };
    const backward = { frequency: 'bimonthly' as const, day_of_month_one: 20, day_of_month_two: 5 };
    for (const s of [forward, backward]) {
      expect(due(s, '2026-03-25')).toBe('2026-03-05..2026-03-19');
      expect(spans(periodsBetween(s, '2026-02-01', '2026-03-31'))).toEqual([
        '2026-02-05..2026-02-19',
        '2026-02-20..2026-03-04',
        '2026-03-05..2026-03-19',
      ]);
    }
  });
});

describe('ranges and days', () => {
  it('a range shorter than a period, or upside down, has none', () => {
    expect(periodsBetween({ frequency: 'monthly', day_of_month: 1 }, '2026-03-05', '2026-03-20')).toEqual([]);
    expect(periodsBetween({ frequency: 'monthly', day_of_month: 1 }, '2026-04-01', '2026-03-31')).toEqual([]);
  });

  it('a bill is generated the day after its period plus the delay', () => {
    const february = { start: '2026-02-01', end: '2026-02-28' };
    expect(generationDay(february, 0)).toBe('2026-03-01');
    // 28 February + 1 + 3 = 4 March
    expect(generationDay(february, 3)).toBe('2026-03-04');
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
  });
});
