const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** Timestamps arrive as ISO strings in UTC; people read them in their own time zone. */
export function formatDateTime(iso: string | null, empty = '—'): string {
  return iso ? dateTime.format(new Date(iso)) : empty;
}
