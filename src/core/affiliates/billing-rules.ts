import type { FieldError } from '../errors.ts';

export const BILLING_FREQUENCIES = [
  'weekly',
  'bimonthly',
  'monthly',
  'two_months',
  'quarterly',
  'manual',
  'other',
] as const;
export type BillingFrequency = (typeof BILLING_FREQUENCIES)[number];

export const DAYS_OF_WEEK = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const;
export type DayOfWeek = (typeof DAYS_OF_WEEK)[number];

export interface BillingDetails {
  day_of_week?: DayOfWeek;
  day_of_month?: number;
  day_of_month_one?: number;
  day_of_month_two?: number;
  starting_month?: number;
}

/** What each frequency requires, as Everflow documents it; manual and other need nothing. */
export const FREQUENCY_DETAILS: Record<BillingFrequency, readonly (keyof BillingDetails)[]> = {
  weekly: ['day_of_week'],
  bimonthly: ['day_of_month_one', 'day_of_month_two'],
  monthly: ['day_of_month'],
  two_months: ['starting_month', 'day_of_month'],
  quarterly: ['starting_month', 'day_of_month'],
  manual: [],
  other: [],
};

const RANGES: Record<Exclude<keyof BillingDetails, 'day_of_week'>, [number, number]> = {
  day_of_month: [1, 31],
  day_of_month_one: [1, 31],
  day_of_month_two: [1, 31],
  starting_month: [1, 12],
};

/**
 * Details must be exactly those the frequency uses: a missing one is an error, and so is one the
 * frequency ignores (it would be silently dropped otherwise). Days past a short month's end fall
 * on its last day when invoices are generated.
 */
export function validateBillingSchedule(
  frequency: BillingFrequency,
  details: BillingDetails,
  path: string,
): FieldError[] {
  const errors: FieldError[] = [];
  const needed = FREQUENCY_DETAILS[frequency];
  for (const key of Object.keys(details) as (keyof BillingDetails)[]) {
    if (details[key] === undefined) continue;
    if (!needed.includes(key)) {
      errors.push({
        path: `${path}.details.${key}`,
        message: needed.length
          ? `is not used by frequency ${frequency}; it takes ${needed.join(', ')}`
          : `is not used by frequency ${frequency}, which takes no details`,
      });
    }
  }
  for (const key of needed) {
    const value = details[key];
    if (value === undefined || value === null) {
      errors.push({ path: `${path}.details.${key}`, message: `is required for frequency ${frequency}` });
      continue;
    }
    if (key === 'day_of_week') {
      if (!DAYS_OF_WEEK.includes(value as DayOfWeek)) {
        errors.push({
          path: `${path}.details.${key}`,
          message: `must be one of: ${DAYS_OF_WEEK.join(', ')}`,
        });
      }
      continue;
    }
    const [min, max] = RANGES[key];
    if (!Number.isInteger(value) || (value as number) < min || (value as number) > max) {
      errors.push({
        path: `${path}.details.${key}`,
        message: `must be a whole number from ${min} to ${max}`,
      });
    }
  }
  if (
    frequency === 'bimonthly' &&
    Number.isInteger(details.day_of_month_one) &&
    Number.isInteger(details.day_of_month_two) &&
    details.day_of_month_one! >= details.day_of_month_two!
  ) {
    errors.push({
      path: `${path}.details.day_of_month_two`,
      message: 'must be later in the month than day_of_month_one',
    });
  }
  return errors;
}
