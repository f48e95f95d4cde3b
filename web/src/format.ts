/*
 * The one way the app writes times and dates: the reader's locale, in their time zone (the
 * browser's, or the one a portal user chose in their profile).
 */
let timeZone: string | undefined;
let dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
let dayOfTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
// A calendar day (`2024-12-31`) is not a moment: it reads the same in every time zone.
const calendarDay = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });

/** Shows times in `zone` (an IANA name) from now on; null or an unknown name: the browser's own. */
export function setDisplayTimeZone(zone: string | null | undefined): void {
  let next: string | undefined;
  try {
    next = zone
      ? new Intl.DateTimeFormat(undefined, { timeZone: zone }).resolvedOptions().timeZone
      : undefined;
  } catch {
    next = undefined;
  }
  if (next === timeZone) return;
  timeZone = next;
  dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short', timeZone });
  dayOfTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone });
}

/** The time zone times are shown in, for labels such as "times in Europe/Paris". */
export const displayTimeZone = (): string => dateTime.resolvedOptions().timeZone;

/** Timestamps arrive as ISO strings in UTC; people read them in their own time zone. */
export function formatDateTime(iso: string | null | undefined, empty = '—'): string {
  return iso ? dateTime.format(new Date(iso)) : empty;
}

/** A calendar day (`2024-12-31`), or the day a timestamp falls on where the reader is. */
export function formatDate(value: string | null | undefined, empty = '—'): string {
  if (!value) return empty;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return calendarDay.format(new Date(`${value}T00:00:00Z`));
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : dayOfTime.format(date);
}

/** API values as words: "view_only" reads "view only". */
export const humanize = (value: string) => value.replaceAll('_', ' ');

/** An API value as a label: "affiliate_manager" reads "Affiliate manager". */
export const sentenceCase = (value: string) => humanize(value).replace(/^./, (c) => c.toUpperCase());

/** "1 affiliate", "2 affiliates". */
export const countOf = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
