import { membersOf } from '../../api/enums.ts';
import type { paths } from '../../api/schema.d.ts';

export type ClickQuery = NonNullable<paths['/api/v1/clicks']['get']['parameters']['query']>;
export type DeviceType = NonNullable<ClickQuery['device_type']>;

export const DEVICE_TYPES = membersOf<DeviceType>({
  desktop: true,
  mobile: true,
  tablet: true,
  console: true,
  smarttv: true,
  wearable: true,
  embedded: true,
  xr: true,
});

export const SUB_IDS = ['sub1', 'sub2', 'sub3', 'sub4', 'sub5'] as const;
type SubId = (typeof SUB_IDS)[number];

/** The click log's filters, kept in the URL so a filtered log can be shared; times as ISO 8601. */
export interface ClickSearch extends Partial<Record<SubId, string>> {
  from?: string;
  to?: string;
  affiliate?: number;
  promo?: number;
  country?: string;
  device?: DeviceType;
  bot?: 'yes' | 'no';
  unique?: 'yes' | 'no';
  /** The page: clicks older than this id. */
  before?: string;
}

const int = (v: unknown) => {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 && n <= 2_147_483_647 ? n : undefined;
};
const time = (v: unknown) =>
  typeof v === 'string' && !Number.isNaN(Date.parse(v)) ? new Date(v).toISOString() : undefined;
const yesNo = (v: unknown) => (v === 'yes' || v === 'no' ? v : undefined);
const text = (v: unknown) =>
  typeof v === 'string' && v.trim() ? v.trim().slice(0, 255) : typeof v === 'number' ? String(v) : undefined;

/** Anything odd in a hand-edited URL is dropped rather than sent to the server. */
export function validateClickSearch(raw: Record<string, unknown>): ClickSearch {
  const country = typeof raw.country === 'string' ? raw.country.trim().toUpperCase() : '';
  const out: ClickSearch = {
    from: time(raw.from),
    to: time(raw.to),
    affiliate: int(raw.affiliate),
    promo: int(raw.promo),
    country: /^[A-Z]{2}$/.test(country) ? country : undefined,
    device: DEVICE_TYPES.includes(raw.device as DeviceType) ? (raw.device as DeviceType) : undefined,
    bot: yesNo(raw.bot),
    unique: yesNo(raw.unique),
    before:
      typeof raw.before === 'string' && /^[0-9A-HJKMNP-TV-Z]{26}$/.test(raw.before) ? raw.before : undefined,
  };
  for (const sub of SUB_IDS) out[sub] = text(raw[sub]);
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as ClickSearch;
}

export function toClickQuery(s: ClickSearch): ClickQuery {
  return {
    from: s.from,
    to: s.to,
    affiliate_id: s.affiliate,
    promo_id: s.promo,
    country: s.country,
    device_type: s.device,
    is_bot: s.bot === undefined ? undefined : s.bot === 'yes',
    is_unique: s.unique === undefined ? undefined : s.unique === 'yes',
    sub1: s.sub1,
    sub2: s.sub2,
    sub3: s.sub3,
    sub4: s.sub4,
    sub5: s.sub5,
    before: s.before,
    limit: 50,
  };
}

/** Whether any filter narrows the log (the page cursor is not a filter). */
export const isFiltered = ({ before: _, ...filters }: ClickSearch) => Object.keys(filters).length > 0;

/** An ISO time as a datetime-local input shows it, in the reader's time zone. */
export function toLocalInput(iso: string | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local input's value (the reader's time zone) as ISO 8601, or undefined when empty. */
export function fromLocalInput(value: string): string | undefined {
  return value ? new Date(value).toISOString() : undefined;
}
