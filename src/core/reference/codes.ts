/** Codes arrive in any case and with stray spaces ("eur ", "us"); the tables keep them upper case. */
export function normalizeCode(value: unknown): string {
  return typeof value === 'string' ? value.trim().toUpperCase() : '';
}
