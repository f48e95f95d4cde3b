import {
  type AffiliateStatus,
  type BillingFrequency,
  type PaymentType,
  type SearchQuery,
  STATUSES,
} from './api.ts';
import { FREQUENCIES, PAYMENT_TYPES } from './payment-fields.ts';

/** The affiliates table's state, kept in the URL so a search can be bookmarked and shared. */
export interface ListSearch {
  q?: string;
  status?: AffiliateStatus;
  manager?: number;
  label?: string;
  country?: string;
  frequency?: BillingFrequency;
  payment?: PaymentType;
  sort?: string;
  page?: number;
  size?: number;
}

export const PAGE_SIZES = [25, 50, 100, 200];

const str = (v: unknown) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
const int = (v: unknown) => {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : undefined;
};
const oneOf = <T extends string>(values: readonly T[], v: unknown) =>
  values.includes(v as T) ? (v as T) : undefined;

/** Anything odd in a hand-edited URL is dropped rather than sent to the server. */
export function validateListSearch(raw: Record<string, unknown>): ListSearch {
  const out: ListSearch = {
    q: str(raw.q),
    status: oneOf(STATUSES, raw.status),
    manager: int(raw.manager),
    label: str(raw.label),
    country: str(raw.country)?.toUpperCase().slice(0, 2),
    frequency: oneOf(FREQUENCIES, raw.frequency),
    payment: oneOf(PAYMENT_TYPES, raw.payment),
    sort: typeof raw.sort === 'string' && /^-?[a-z_]+$/.test(raw.sort) ? raw.sort : undefined,
    page: int(raw.page),
    size: PAGE_SIZES.includes(Number(raw.size)) ? Number(raw.size) : undefined,
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as ListSearch;
}

export function toQuery(s: ListSearch): SearchQuery {
  return {
    q: s.q,
    status: s.status ? [s.status] : undefined,
    account_manager_id: s.manager ? [s.manager] : undefined,
    label: s.label ? [s.label] : undefined,
    country_code: s.country ? [s.country] : undefined,
    billing_frequency: s.frequency ? [s.frequency] : undefined,
    payment_type: s.payment ? [s.payment] : undefined,
    sort: (s.sort ?? '-id') as SearchQuery['sort'],
    page: s.page ?? 1,
    page_size: s.size ?? 50,
  };
}
