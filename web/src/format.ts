const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Timestamps arrive as ISO strings in UTC; people read them in their own time zone. */
export function formatDateTime(iso: string | null, empty = '—'): string {
  return iso ? dateTime.format(new Date(iso)) : empty;
}

/** API values as words: "view_only" reads "view only". */
export const humanize = (value: string) => value.replaceAll('_', ' ');

/** An API value as a label: "affiliate_manager" reads "Affiliate manager". */
export const sentenceCase = (value: string) => humanize(value).replace(/^./, (c) => c.toUpperCase());

/** "1 affiliate", "2 affiliates". */
export const countOf = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
