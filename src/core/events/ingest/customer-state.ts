import type { Selectable } from 'kysely';
import type { CustomersTable } from '../../../db/tables/events.ts';
import type { Binding } from '../attribution/attribution-types.ts';
import { ACTIVITY_FIELDS, type ActivityFigures, type EventInput } from '../event-input.ts';

export type CustomerRow = Selectable<CustomersTable>;

export interface TotalsDelta extends ActivityFigures {
  deposit_count: bigint;
  deposit_total: bigint;
  withdrawal_count: bigint;
  withdrawal_total: bigint;
  sale_count: bigint;
  sale_total: bigint;
  refund_total: bigint;
}

/** A customer while its batch is being recorded: the row as it will be written, plus what changed. */
export interface CustomerState {
  row: Omit<CustomerRow, 'created_at' | 'updated_at'>;
  isNew: boolean;
  binding: Binding | null;
  totals: Map<string, TotalsDelta>;
}

export function bindingOf(row: CustomerRow, boundClickAt: Date | null): Binding | null {
  if (row.affiliate_id === null) return null;
  return {
    affiliateId: row.affiliate_id,
    campaignId: row.campaign_id,
    promoId: row.promo_id,
    clickId: row.click_id,
    clickedAt: boundClickAt,
    couponCodeId: row.coupon_code_id,
    method: row.attribution_method ?? 'operator',
    boundAt: row.attributed_at ?? row.first_event_at,
  };
}

export function newCustomerState(id: bigint, input: EventInput): CustomerState {
  return {
    isNew: true,
    binding: null,
    totals: new Map(),
    row: {
      id,
      brand_id: input.brandId,
      external_id: input.customerId,
      affiliate_id: null,
      campaign_id: null,
      promo_id: null,
      click_id: null,
      coupon_code_id: null,
      attribution_method: null,
      sub1: null,
      sub2: null,
      sub3: null,
      sub4: null,
      sub5: null,
      params: {},
      country: null,
      email_hash: null,
      ip: null,
      device_id: null,
      first_event_at: input.occurredAt,
      registered_at: null,
      attributed_at: null,
      ftd_at: null,
      ftd_amount: null,
      ftd_currency: null,
      ftd_event_id: null,
      qualified_at: null,
      flags: [],
      held: false,
      last_event_at: input.occurredAt,
      event_count: 0,
    },
  };
}

export function totalsFor(state: CustomerState, currency: string): TotalsDelta {
  let t = state.totals.get(currency);
  if (!t) {
    t = {
      deposit_count: 0n,
      deposit_total: 0n,
      withdrawal_count: 0n,
      withdrawal_total: 0n,
      sale_count: 0n,
      sale_total: 0n,
      refund_total: 0n,
      ...(Object.fromEntries(ACTIVITY_FIELDS.map((f) => [f, 0n])) as ActivityFigures),
    };
    state.totals.set(currency, t);
  }
  return t;
}

/** What one event adds to its customer's money totals. */
export function addToTotals(state: CustomerState, input: EventInput): void {
  if (!input.currency) return;
  const t = totalsFor(state, input.currency);
  const amount = input.amount ?? 0n;
  switch (input.type) {
    case 'deposit':
      t.deposit_count += 1n;
      t.deposit_total += amount;
      break;
    case 'withdrawal':
      t.withdrawal_count += 1n;
      t.withdrawal_total += amount;
      break;
    case 'sale':
      t.sale_count += 1n;
      t.sale_total += amount;
      break;
    case 'refund':
      t.refund_total += amount;
      break;
    case 'chargeback':
      t.chargebacks += amount;
      break;
    case 'activity':
      for (const line of input.activity) for (const f of ACTIVITY_FIELDS) t[f] += line.figures[f];
      break;
    default:
      break;
  }
}
