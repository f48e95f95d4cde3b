import { sql, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { EventType } from '../../../db/tables/events.ts';
import type { EventInput } from '../event-input.ts';
import { eventKey, type Item } from './item-result.ts';

/** Who an event belongs to, as refunds and chargebacks inherit it. */
export interface Owner {
  affiliate_id: number | null;
  campaign_id: number | null;
  promo_id: number | null;
  click_id: string | null;
  coupon_code_id: number | null;
}

/** A deposit or sale that a refund or chargeback may take back, and how much of it already was. */
export interface Original {
  id: bigint;
  type: EventType;
  event_id: string;
  customerId: bigint;
  amount: bigint;
  currency: string;
  takenBack: bigint;
  owner: Owner;
  summary: string;
}

/**
 * The deposits and sales the batch's refunds and chargebacks name, keyed like events, with what
 * was taken back of each so far. Read after the customers' locks: a refund's customer is the
 * original's, so two batches taking back the same sale queue on that lock.
 */
export async function loadOriginals(
  trx: Transaction<DB>,
  items: Item<EventInput>[],
): Promise<Map<string, Original>> {
  const takeBack = items.filter((v) => v.input.originalEventId);
  const out = new Map<string, Original>();
  if (takeBack.length === 0) return out;
  const rows = await trx
    .selectFrom('events as e')
    .select([
      'e.id',
      'e.brand_id',
      'e.type',
      'e.event_id',
      'e.customer_id',
      'e.amount',
      'e.currency',
      'e.affiliate_id',
      'e.campaign_id',
      'e.promo_id',
      'e.click_id',
      'e.coupon_code_id',
      'e.attribution',
      (eb) =>
        eb
          .selectFrom('events as r')
          .select(sql<string>`coalesce(sum(r.amount), 0)`.as('sum'))
          .whereRef('r.original_id', '=', 'e.id')
          .as('taken_back'),
    ])
    .where('e.type', 'in', ['deposit', 'sale'])
    .where(
      sql<boolean>`(e.brand_id, e.event_id) in (select * from unnest(${takeBack.map((v) => v.input.brandId)}::int[], ${takeBack.map((v) => v.input.originalEventId as string)}::text[]))`,
    )
    .execute();
  for (const o of rows)
    out.set(eventKey(o.brand_id, o.type, o.event_id), {
      id: o.id,
      type: o.type,
      event_id: o.event_id,
      customerId: o.customer_id as bigint,
      amount: o.amount ?? 0n,
      currency: o.currency ?? '',
      takenBack: BigInt(o.taken_back ?? 0),
      owner: {
        affiliate_id: o.affiliate_id,
        campaign_id: o.campaign_id,
        promo_id: o.promo_id,
        click_id: o.click_id,
        coupon_code_id: o.coupon_code_id,
      },
      summary: String(o.attribution.summary ?? ''),
    });
  return out;
}

/**
 * The original a refund or chargeback takes back, or the field that is wrong: it must name one
 * deposit or sale of the brand, of the same customer and currency, with at least its amount left.
 * On success what is left of the original shrinks by the amount (later items see it).
 */
export function takeBackFrom(
  originals: Map<string, Original>,
  input: EventInput,
  customerId: bigint | null,
): { original: Original } | { field: string; message: string } {
  const types = input.originalEventType ? [input.originalEventType] : (['deposit', 'sale'] as const);
  const found = types
    .map((t) => originals.get(eventKey(input.brandId, t, input.originalEventId as string)))
    .filter((o): o is Original => !!o);
  if (found.length === 0)
    return {
      field: 'original_event_id',
      message: `no deposit or sale with event_id ${input.originalEventId} exists for this brand`,
    };
  if (found.length > 1)
    return {
      field: 'original_event_type',
      message: 'is required: both a deposit and a sale have this event_id',
    };
  const original = found[0] as Original;
  if (customerId !== original.customerId)
    return { field: 'customer_id', message: `must be the customer of the original ${original.type}` };
  if (input.currency !== original.currency)
    return {
      field: 'currency',
      message: `must be ${original.currency}, the currency of the original ${original.type}`,
    };
  const left = original.amount - original.takenBack;
  if ((input.amount ?? 0n) > left)
    return {
      field: 'amount',
      message: `must be at most ${left}: the original ${original.type} was ${original.amount} and ${original.takenBack} of it was already taken back`,
    };
  original.takenBack += input.amount ?? 0n;
  return { original };
}
