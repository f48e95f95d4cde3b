const HOUR = 3_600_000;

/** Where each counted period starts: today, the last 7 and the last 30 days, today included. */
export interface ClickPeriods {
  time_zone: string;
  today: Date;
  last_7_days: Date;
  last_30_days: Date;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    if (formatters.size > 500) formatters.clear();
    formatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock time in `timeZone` at `at`, read as if it were UTC. */
function wallClock(at: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  for (const { type, value } of formatter(timeZone).formatToParts(at)) parts[type] = Number(value);
  return Date.UTC(parts.year!, parts.month! - 1, parts.day, parts.hour, parts.minute, parts.second);
}

/** The instant of midnight in `timeZone`, `daysBack` days before the day `now` falls on there. */
function localMidnight(now: number, timeZone: string, daysBack: number): number {
  const today = new Date(wallClock(now, timeZone));
  const midnight = Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate() - daysBack);
  // The zone's offset at a first guess, then again at the answer (they differ across a DST change).
  const guess = midnight - (wallClock(midnight, timeZone) - midnight);
  return midnight - (wallClock(guess, timeZone) - guess);
}

/**
 * The periods' starts for a reader in `timeZone`. Counts are kept per UTC hour, so each start is
 * the hour its midnight falls in: in a zone whose offset is not a whole number of hours, a day
 * is counted from the whole hour before its midnight.
 */
export function clickPeriods(timeZone: string, now = Date.now()): ClickPeriods {
  const start = (daysBack: number) =>
    new Date(Math.floor(localMidnight(now, timeZone, daysBack) / HOUR) * HOUR);
  return { time_zone: timeZone, today: start(0), last_7_days: start(6), last_30_days: start(29) };
}
