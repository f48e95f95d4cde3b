import { boolOf, defined, int, text, type YesNo, yesNo } from '../list-params.ts';
import type { CouponQuery } from './api.ts';

/** The coupon codes list's filters, in the URL. */
export interface CouponSearch {
  q?: string;
  brand?: number;
  affiliate?: number;
  enabled?: YesNo;
  page?: number;
}

export const PAGE_SIZE = 50;

export const validateCouponSearch = (raw: Record<string, unknown>): CouponSearch =>
  defined({
    q: text(raw.q, 64),
    brand: int(raw.brand),
    affiliate: int(raw.affiliate),
    enabled: yesNo(raw.enabled),
    page: int(raw.page),
  });

export const toCouponQuery = (s: CouponSearch): CouponQuery =>
  defined({
    q: s.q,
    brand_id: s.brand,
    affiliate_id: s.affiliate,
    enabled: boolOf(s.enabled),
    page: s.page ?? 1,
    page_size: PAGE_SIZE,
  });

export const isFiltered = ({ page: _, ...filters }: CouponSearch) => Object.keys(filters).length > 0;
