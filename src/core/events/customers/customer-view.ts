import type { Selectable } from 'kysely';
import type { CustomersTable, CustomerTotalsTable } from '../../../db/tables/events.ts';
import { ACTIVITY_FIELDS } from '../event-input.ts';

export interface CustomerTotalsView {
  currency: string;
  deposit_count: number;
  deposit_total: number;
  withdrawal_count: number;
  withdrawal_total: number;
  /** Deposits minus withdrawals. */
  net_deposits: number;
  /** Bets minus wins. */
  ggr: number;
  sale_count: number;
  sale_total: number;
  refund_total: number;
  [figure: string]: number | string;
}

export interface CustomerView {
  id: number;
  brand_id: number;
  customer_id: string;
  affiliate_id: number | null;
  campaign_id: number | null;
  promo_id: number | null;
  click_id: string | null;
  coupon_code_id: number | null;
  attribution_method: string | null;
  sub1: string | null;
  sub2: string | null;
  sub3: string | null;
  sub4: string | null;
  sub5: string | null;
  params: Record<string, unknown>;
  country: string | null;
  first_event_at: Date;
  last_event_at: Date;
  registered_at: Date | null;
  attributed_at: Date | null;
  ftd_at: Date | null;
  ftd_amount: number | null;
  ftd_currency: string | null;
  qualified_at: Date | null;
  flags: string[];
  held: boolean;
  event_count: number;
  totals: CustomerTotalsView[];
}

export function totalsView(t: Selectable<CustomerTotalsTable>): CustomerTotalsView {
  const n = (v: bigint | number) => Number(v);
  return {
    currency: t.currency,
    deposit_count: t.deposit_count,
    deposit_total: n(t.deposit_total),
    withdrawal_count: t.withdrawal_count,
    withdrawal_total: n(t.withdrawal_total),
    net_deposits: n(t.deposit_total - t.withdrawal_total),
    ggr: n(t.bets - t.wins),
    ...Object.fromEntries(ACTIVITY_FIELDS.map((f) => [f, n(t[f])])),
    sale_count: t.sale_count,
    sale_total: n(t.sale_total),
    refund_total: n(t.refund_total),
  };
}

/**
 * The operator's id shown to an affiliate: its first two and last two characters, the rest
 * starred, so an affiliate can tell its customers apart without learning the operator's ids.
 */
export function maskCustomerId(id: string): string {
  if (id.length <= 4) return '*'.repeat(id.length);
  return `${id.slice(0, 2)}${'*'.repeat(Math.min(id.length - 4, 8))}${id.slice(-2)}`;
}

export function customerView(
  row: Selectable<CustomersTable>,
  totals: Selectable<CustomerTotalsTable>[],
): CustomerView {
  return {
    id: Number(row.id),
    brand_id: row.brand_id,
    customer_id: row.external_id,
    affiliate_id: row.affiliate_id,
    campaign_id: row.campaign_id,
    promo_id: row.promo_id,
    click_id: row.click_id,
    coupon_code_id: row.coupon_code_id,
    attribution_method: row.attribution_method,
    sub1: row.sub1,
    sub2: row.sub2,
    sub3: row.sub3,
    sub4: row.sub4,
    sub5: row.sub5,
    params: row.params ?? {},
    country: row.country,
    first_event_at: row.first_event_at,
    last_event_at: row.last_event_at,
    registered_at: row.registered_at,
    attributed_at: row.attributed_at,
    ftd_at: row.ftd_at,
    ftd_amount: row.ftd_amount === null ? null : Number(row.ftd_amount),
    ftd_currency: row.ftd_currency,
    qualified_at: row.qualified_at,
    flags: row.flags,
    held: row.held,
    event_count: row.event_count,
    totals: totals.map(totalsView),
  };
}
