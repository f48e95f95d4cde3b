import { defined, int, oneOf, time } from '../list-params.ts';
import { type CommissionQuery, KINDS, STATUSES } from './api.ts';

/** The commissions list's filters, kept in the URL so a filtered list can be shared. */
export interface CommissionSearch {
  affiliate?: number;
  brand?: number;
  plan?: number;
  status?: (typeof STATUSES)[number];
  kind?: (typeof KINDS)[number];
  from?: string;
  until?: string;
  page?: number;
  /** The commission whose trace is open. */
  open?: number;
}

export function validateCommissionSearch(raw: Record<string, unknown>): CommissionSearch {
  return defined({
    affiliate: int(raw.affiliate),
    brand: int(raw.brand),
    plan: int(raw.plan),
    status: oneOf(STATUSES, raw.status),
    kind: oneOf(KINDS, raw.kind),
    from: time(raw.from),
    until: time(raw.until),
    page: int(raw.page),
    open: int(raw.open),
  });
}

export function toCommissionQuery(s: CommissionSearch): CommissionQuery {
  return defined({
    affiliate_id: s.affiliate,
    brand_id: s.brand,
    plan_id: s.plan,
    status: s.status,
    kind: s.kind,
    from: s.from,
    to: s.until,
    page: s.page ?? 1,
    page_size: 50,
  });
}

export const isFiltered = ({ page: _, open: __, ...filters }: CommissionSearch) =>
  Object.keys(filters).length > 0;
