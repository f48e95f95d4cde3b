/**
 * Each frequency's periods (pure): a period starts on a billing day and runs to the day before
 * the next; a day past a short month's end falls on its last day; leap years have 29 February.
 */
import { describe, expect, it } from 'vitest';
import { duePeriod, periodsBetween } from '../../src/core/billing/billing-periods.ts';

const spans = (ps: { start: string; end: string }[]) => ps.map((p) => `${p.start}..${p.end}`);

describe('billing periods', () => {
  it('weekly: Monday to Sunday across a month end and a leap day', () => {
    expect(
      spans(periodsBetween({ frequency: 'weekly', day_of_week: 'monday' }, '2024-02-19', '2024-03-10')),
    ).toEqual(['2024-02-19..2024-02-25', '2024-02-26..2024-03-03', '2024-03-04..2024-03-10']);
    // 2026-12-02 is a Wednesday: the last whole week from Wednesday ended yesterday.
    expect(duePeriod({ frequency: 'weekly', day_of_week: 'wednesday' }, '2026-12-02')).toEqual({
      start: '2026-11-25',
      end: '2026-12-01',
    });
  });

  it('bimonthly on the 15th and the 30th: February (29 days in 2024, 28 in 2025) ends on its last day', () => {
    const s = { frequency: 'bimonthly' as const, day_of_month_one: 15, day_of_month_two: 30 };
    expect(spans(periodsBetween(s, '2024-01-15', '2024-03-29'))).toEqual([
      '2024-01-15..2024-01-29',
      '2024-01-30..2024-02-14',
      '2024-02-15..2024-02-28',
      '2024-02-29..2024-03-14',
      '2024-03-15..2024-03-29',
    ]);
    expect(spans(periodsBetween(s, '2025-02-15', '2025-03-14'))).toEqual([
      '2025-02-15..2025-02-27',
      '2025-02-28..2025-03-14',
    ]);
  });

  it('monthly on the 31st falls on each shorter month’s last day', () => {
    expect(
      spans(periodsBetween({ frequency: 'monthly', day_of_month: 31 }, '2024-01-31', '2024-05-30')),
    ).toEqual([
      '2024-01-31..2024-02-28',
      '2024-02-29..2024-03-30',
      '2024-03-31..2024-04-29',
      '2024-04-30..2024-05-30',
    ]);
    expect(
      spans(periodsBetween({ frequency: 'monthly', day_of_month: 1 }, '2023-12-01', '2024-02-29')),
    ).toEqual(['2023-12-01..2023-12-31', '2024-01-01..2024-01-31', '2024-02-01..2024-02-29']);
  });

  it('two months and quarterly count from the starting month, across the year end', () => {
    expect(
      spans(
        periodsBetween(
          { frequency: 'two_months', starting_month: 2, day_of_month: 1 },
          '2023-10-01',
          '2024-06-30',
        ),
      ),
    ).toEqual([
      '2023-10-01..2023-11-30',
      '2023-12-01..2024-01-31',
      '2024-02-01..2024-03-31',
      '2024-04-01..2024-05-31',
    ]);
    expect(
      spans(
        periodsBetween(
          { frequency: 'quarterly', starting_month: 2, day_of_month: 1 },
          '2023-01-01',
          '2024-03-31',
        ),
      ),
    ).toEqual([
      '2023-02-01..2023-04-30',
      '2023-05-01..2023-07-31',
      '2023-08-01..2023-10-31',
      '2023-11-01..2024-01-31',
    ]);
  });

  it('honours the generation delay, and manual has no periods of its own', () => {
    const monthly = { frequency: 'monthly' as const, day_of_month: 1 };
    expect(duePeriod(monthly, '2024-03-01')).toEqual({ start: '2024-02-01', end: '2024-02-29' });
    // Three days' delay: on 3 March February is not due yet (1 March + 3 = 4 March), January is.
    expect(duePeriod(monthly, '2024-03-03', 3)).toEqual({ start: '2024-01-01', end: '2024-01-31' });
    expect(duePeriod(monthly, '2024-03-04', 3)).toEqual({ start: '2024-02-01', end: '2024-02-29' });
    expect(duePeriod({ frequency: 'manual' }, '2024-03-04')).toBeNull();
    expect(periodsBetween({ frequency: 'other' }, '2024-01-01', '2024-12-31')).toEqual([]);
  });
});
