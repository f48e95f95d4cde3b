import { boolOf, countryCode, defined, int, oneOf, text, type YesNo, yesNo } from '../list-params.ts';
import type { CustomerQuery } from './api.ts';

export const FRAUD_FILTERS = ['flagged', 'held', 'clean'] as const;
export type FraudFilter = (typeof FRAUD_FILTERS)[number];

/** The customers table's filters, kept in the URL so a filtered list can be shared. */
export interface CustomerSearch {
  q?: string;
  brand?: number;
  affiliate?: number;
  attributed?: YesNo;
  fraud?: FraudFilter;
  ftd?: YesNo;
  country?: string;
  page?: number;
}

export const PAGE_SIZE = 50;

export function validateCustomerSearch(raw: Record<string, unknown>): CustomerSearch {
  return defined({
    q: text(raw.q),
    brand: int(raw.brand),
    affiliate: int(raw.affiliate),
    attributed: yesNo(raw.attributed),
    fraud: oneOf(FRAUD_FILTERS, raw.fraud),
    ftd: yesNo(raw.ftd),
    country: countryCode(raw.country),
    page: int(raw.page),
  });
}

export function toCustomerQuery(s: CustomerSearch): CustomerQuery {
  return defined({
    q: s.q,
    brand_id: s.brand,
    affiliate_id: s.affiliate,
    attributed: boolOf(s.attributed),
    // Flagged covers held (hold is a flag that also waits for the operator); clean is neither.
    flagged: s.fraud === 'flagged' ? true : s.fraud === 'clean' ? false : undefined,
    held: s.fraud === 'held' ? true : undefined,
    has_ftd: boolOf(s.ftd),
    country: s.country,
    page: s.page ?? 1,
    page_size: PAGE_SIZE,
  });
}

/** Whether any filter narrows the list (the page is not a filter). */
export const isFiltered = ({ page: _, ...filters }: CustomerSearch) => Object.keys(filters).length > 0;
