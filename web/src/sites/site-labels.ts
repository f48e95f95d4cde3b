import { formatMoney } from '../customers/money.ts';

/** The fields both screens read; the generated types name each route's answer differently. */
export interface SiteShape {
  id: number;
  name: string;
  url: string;
  notification_url: string | null;
  category_code: number;
  category_description: string;
  price_from: number | null;
  price_till: number | null;
  price_currency: string;
  support_email: string | null;
  support_phone: string | null;
  review_status: 'pending' | 'approved' | 'declined';
  review_comment: string | null;
}

export const REVIEW_LABEL: Record<SiteShape['review_status'], string> = {
  pending: 'Waiting for review',
  approved: 'Approved',
  declined: 'Declined',
};

export function priceRange(site: Pick<SiteShape, 'price_from' | 'price_till' | 'price_currency'>): string {
  const { price_from: from, price_till: till, price_currency: currency } = site;
  if (from === null && till === null) return '—';
  if (from !== null && till !== null)
    return `${formatMoney(from, currency)} – ${formatMoney(till, currency)}`;
  return from !== null ? `from ${formatMoney(from, currency)}` : `up to ${formatMoney(till!, currency)}`;
}
