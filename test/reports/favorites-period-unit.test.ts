import { describe, expect, it } from 'vitest';
import { localDate, resolvePeriod } from '../../src/core/reports/favorites/resolve-period.ts';

const at = (iso: string) => new Date(iso);

describe('resolvePeriod', () => {
  it('keeps fixed dates as they are, whenever it runs', () => {
    const fixed = { from: '2023-03-01', to: '2023-03-23' };
    expect(resolvePeriod(fixed, at('2026-12-02T10:00:00Z'))).toEqual(fixed);
  });

  it('resolves today and yesterday across a year end', () => {
    const newYear = at('2027-01-01T08:00:00Z');
    expect(resolvePeriod({ period: 'today' }, newYear)).toEqual({ from: '2027-01-01', to: '2027-01-02' });
    expect(resolvePeriod({ period: 'yesterday' }, newYear)).toEqual({ from: '2026-12-31', to: '2027-01-01' });
  });

  it("uses the reader's time zone for the day", () => {
    // 23:30 UTC on 31 Dec is already 1 Jan in Berlin (UTC+1) and still 31 Dec in New York.
    const late = at('2026-12-31T23:30:00Z');
    expect(localDate(late, 'Europe/Berlin')).toBe('2027-01-01');
    expect(resolvePeriod({ period: 'today' }, late, 'Europe/Berlin')).toEqual({
      from: '2027-01-01',
      to: '2027-01-02',
    });
    expect(resolvePeriod({ period: 'today' }, late, 'America/New_York')).toEqual({
      from: '2026-12-31',
      to: '2027-01-01',
    });
    expect(resolvePeriod({ period: 'last_month' }, late, 'Europe/Berlin')).toEqual({
      from: '2026-12-01',
      to: '2027-01-01',
    });
  });

  it('starts weeks on Monday, across a month and a year end', () => {
    // Sunday 3 Jan 2027: its week began on Monday 28 Dec 2026.
    const sunday = at('2027-01-03T12:00:00Z');
    expect(resolvePeriod({ period: 'this_week' }, sunday)).toEqual({ from: '2026-12-28', to: '2027-01-04' });
    expect(resolvePeriod({ period: 'last_week' }, sunday)).toEqual({ from: '2026-12-21', to: '2026-12-28' });
    // A Monday is the first day of its own week.
    const monday = at('2027-01-04T00:00:00Z');
    expect(resolvePeriod({ period: 'this_week' }, monday)).toEqual({ from: '2027-01-04', to: '2027-01-11' });
    expect(resolvePeriod({ period: 'last_week' }, monday)).toEqual({ from: '2026-12-28', to: '2027-01-04' });
  });

  it('resolves months across a year end and a leap February', () => {
    const january = at('2027-01-15T12:00:00Z');
    expect(resolvePeriod({ period: 'this_month' }, january)).toEqual({
      from: '2027-01-01',
      to: '2027-02-01',
    });
    expect(resolvePeriod({ period: 'last_month' }, january)).toEqual({
      from: '2026-12-01',
      to: '2027-01-01',
    });
    const march = at('2028-03-31T12:00:00Z');
    expect(resolvePeriod({ period: 'last_month' }, march)).toEqual({ from: '2028-02-01', to: '2028-03-01' });
    expect(resolvePeriod({ period: 'this_month' }, at('2028-02-29T23:00:00Z'))).toEqual({
      from: '2028-02-01',
      to: '2028-03-01',
    });
  });

  it('counts the last n days back from today, today included', () => {
    const march = at('2027-03-02T09:00:00Z');
    // 7 days ending 2 March 2027 (February has 28 days): 24 Feb to 2 March.
    expect(resolvePeriod({ period: 'last_n_days', n: 7 }, march)).toEqual({
      from: '2027-02-24',
      to: '2027-03-03',
    });
    expect(resolvePeriod({ period: 'last_n_days', n: 1 }, march)).toEqual({
      from: '2027-03-02',
      to: '2027-03-03',
    });
    // 2028 is a leap year: 7 days ending 2 March are 25 Feb to 2 March.
    expect(resolvePeriod({ period: 'last_n_days', n: 7 }, at('2028-03-02T09:00:00Z'))).toEqual({
      from: '2028-02-25',
      to: '2028-03-03',
    });
  });
});
