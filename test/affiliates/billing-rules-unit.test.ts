/**
 * validateBillingSchedule, pure (billing-schedule.test.ts checks the rules through the API): a
 * detail given as null is missing, not out of range, and only a bimonthly schedule compares its
 * two days; any other frequency reports them as unused, nothing more.
 */
import { describe, expect, it } from 'vitest';
import { type BillingDetails, validateBillingSchedule } from '../../src/core/affiliates/billing-rules.ts';

const problems = (
  frequency: Parameters<typeof validateBillingSchedule>[0],
  details: Record<string, unknown>,
) =>
  validateBillingSchedule(frequency, details as BillingDetails, 'billing').map(
    (e) => `${e.path}: ${e.message}`,
  );

describe('validateBillingSchedule', () => {
  it('a detail given as null is required, whatever its kind', () => {
    expect(problems('monthly', { day_of_month: null })).toEqual([
      'billing.details.day_of_month: is required for frequency monthly',
    ]);
    expect(problems('weekly', { day_of_week: null })).toEqual([
      'billing.details.day_of_week: is required for frequency weekly',
    ]);
    expect(problems('quarterly', { starting_month: null, day_of_month: 1 })).toEqual([
      'billing.details.starting_month: is required for frequency quarterly',
    ]);
  });

  it('only bimonthly compares day_of_month_one with day_of_month_two', () => {
    const unused = (key: string, frequency: string, takes: string) =>
      `billing.details.${key}: is not used by frequency ${frequency}; it takes ${takes}`;
    expect(problems('monthly', { day_of_month: 5, day_of_month_one: 20, day_of_month_two: 10 })).toEqual([
      unused('day_of_month_one', 'monthly', 'day_of_month'),
      unused('day_of_month_two', 'monthly', 'day_of_month'),
    ]);
    expect(
      problems('quarterly', {
        starting_month: 2,
        day_of_month: 1,
        day_of_month_one: 31,
        day_of_month_two: 31,
      }),
    ).toEqual([
      unused('day_of_month_one', 'quarterly', 'starting_month, day_of_month'),
      unused('day_of_month_two', 'quarterly', 'starting_month, day_of_month'),
    ]);
    expect(problems('manual', { day_of_month_one: 20, day_of_month_two: 10 })).toEqual([
      'billing.details.day_of_month_one: is not used by frequency manual, which takes no details',
      'billing.details.day_of_month_two: is not used by frequency manual, which takes no details',
    ]);
    expect(problems('bimonthly', { day_of_month_one: 20, day_of_month_two: 10 })).toEqual([
      'billing.details.day_of_month_two: must be later in the month than day_of_month_one',
    ]);
    expect(problems('bimonthly', { day_of_month_one: 15, day_of_month_two: 15 })).toEqual([
      'billing.details.day_of_month_two: must be later in the month than day_of_month_one',
    ]);
    expect(problems('bimonthly', { day_of_month_one: 15, day_of_month_two: 16 })).toEqual([]);
  });
});
