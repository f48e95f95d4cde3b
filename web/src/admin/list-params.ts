/**
 * Reading a list's filters from a hand-edited URL: anything odd is dropped rather than sent to
 * the server, so a bad link shows the unfiltered list instead of an error.
 */

export type YesNo = 'yes' | 'no';

export const int = (v: unknown) => {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 && n <= 2_147_483_647 ? n : undefined;
};
export const yesNo = (v: unknown): YesNo | undefined => (v === 'yes' || v === 'no' ? v : undefined);
export const oneOf = <T extends string>(values: readonly T[], v: unknown) =>
  values.includes(v as T) ? (v as T) : undefined;
export const text = (v: unknown, max = 200) =>
  typeof v === 'string' && v.trim() ? v.trim().slice(0, max) : typeof v === 'number' ? String(v) : undefined;
export const time = (v: unknown) =>
  typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? new Date(v).toISOString() : undefined;
export const countryCode = (v: unknown) => {
  const code = typeof v === 'string' ? v.trim().toUpperCase() : '';
  return /^[A-Z]{2}$/.test(code) ? code : undefined;
};

/** A yes/no filter as the API's boolean. */
export const boolOf = (v: YesNo | undefined) => (v === undefined ? undefined : v === 'yes');

/** Drops the keys left undefined, so the URL carries only the filters set. */
export const defined = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** An ISO time as a datetime-local input shows it, in the reader's time zone. */
export function toLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local input's value (the reader's time zone) as ISO 8601, or undefined when empty. */
export const fromLocalInput = (value: string) => (value ? new Date(value).toISOString() : undefined);

export const YES_NO = (yes: string, no: string) => [
  { value: 'yes', label: yes },
  { value: 'no', label: no },
];
