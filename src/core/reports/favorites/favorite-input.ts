// @internal: checks of a favorite's name and dates, shared by create and update.
import type { FieldError } from '../../errors.ts';
import { type FavoriteDates, RELATIVE_PERIODS, type RelativePeriod } from './resolve-period.ts';

export interface DatesInput {
  from?: string;
  to?: string;
  period?: string;
  n?: number;
}

const isDay = (v: string) =>
  /^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) === v;

export function nameProblems(name: string, problems: FieldError[]): string {
  const trimmed = name.trim();
  if (!trimmed) problems.push({ path: 'name', message: 'is required' });
  return trimmed;
}

/** Fixed days (`from` before `to`) or one relative period (`n` days for last_n_days, 1 to 366). */
export function datesOf(input: DatesInput, problems: FieldError[]): FavoriteDates | null {
  const before = problems.length;
  if (input.period !== undefined) {
    if (input.from !== undefined || input.to !== undefined)
      problems.push({ path: 'dates', message: 'give either a period or from and to, not both' });
    if (!(RELATIVE_PERIODS as readonly string[]).includes(input.period))
      problems.push({ path: 'dates.period', message: `must be one of ${RELATIVE_PERIODS.join(', ')}` });
    const needsN = input.period === 'last_n_days';
    if (needsN && (input.n === undefined || input.n < 1 || input.n > 366))
      problems.push({ path: 'dates.n', message: 'must be a number of days from 1 to 366' });
    if (!needsN && input.n !== undefined)
      problems.push({ path: 'dates.n', message: 'is only for last_n_days' });
    if (problems.length > before) return null;
    const period = input.period as RelativePeriod;
    return needsN ? { period, n: input.n } : { period };
  }
  for (const key of ['from', 'to'] as const) {
    const value = input[key];
    if (value === undefined) problems.push({ path: `dates.${key}`, message: 'is required without a period' });
    else if (!isDay(value))
      problems.push({ path: `dates.${key}`, message: 'must be a date like 2026-03-01' });
  }
  if (problems.length > before) return null;
  if (input.from! >= input.to!) {
    problems.push({ path: 'dates.to', message: 'must be after from' });
    return null;
  }
  return { from: input.from!, to: input.to! };
}
