import { sql, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { EventsTable } from '../../../db/tables/events.ts';
import { type Actor, actorColumns } from '../../actor.ts';
import type { Binding, Explanation } from '../attribution/attribution-types.ts';
import { ACTIVITY_FIELDS, type EventInput } from '../event-input.ts';
import { type EventView, eventView } from '../event-view.ts';
import type { FraudHit } from '../fraud/check-fraud.ts';
import type { CustomerState } from './customer-state.ts';

export interface PendingEvent {
  id: bigint;
  index: number;
  input: EventInput;
  customer: CustomerState;
  original_id: bigint | null;
  is_ftd: boolean;
  affiliate_id: number | null;
  campaign_id: number | null;
  promo_id: number | null;
  click_id: string | null;
  coupon_code_id: number | null;
  attribution_method: EventsTable['attribution_method'];
  attribution: Explanation | Record<string, unknown>;
  flags: string[];
  fraud: FraudHit[];
  held: boolean;
  /** Set when this event binds its customer (first attribution, or a last-click takeover). */
  decision: {
    kind: 'initial' | 'takeover';
    previous_affiliate_id: number | null;
    binding: Omit<Binding, 'boundAt'>;
    explanation: Explanation;
  } | null;
  /** Filled by writeBatch: the event as the API shows it. */
  view?: EventView;
}

const CHUNK = 500;

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += CHUNK) out.push(rows.slice(i, i + CHUNK));
  return out;
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const str = (v: bigint | null) => (v === null ? null : v.toString());

/**
 * Writes a recorded batch: new customers, the events with their activity lines, attribution
 * decisions and fraud flags, then the customers' new state and totals. Returns false when a
 * concurrent batch created one of the same rows first (the caller runs the batch again).
 */
export async function writeBatch(
  trx: Transaction<DB>,
  batch: {
    actor: Actor;
    events: PendingEvent[];
    newCustomers: CustomerState[];
    changedCustomers: CustomerState[];
  },
): Promise<boolean> {
  const actor = actorColumns(batch.actor);
  const fresh = [...batch.newCustomers].sort((a, b) => (a.row.external_id < b.row.external_id ? -1 : 1));
  for (const part of chunks(fresh)) {
    const inserted = await trx
      .insertInto('customers')
      .values(
        part.map(({ row }) => ({
          ...row,
          id: row.id.toString(),
          params: JSON.stringify(row.params ?? {}),
          ftd_amount: str(row.ftd_amount),
          ftd_event_id: null,
        })),
      )
      .onConflict((oc) => oc.columns(['brand_id', 'external_id']).doNothing())
      .returning('id')
      .execute();
    if (inserted.length !== part.length) return false;
  }

  for (const part of chunks(batch.events)) {
    const inserted = await trx
      .insertInto('events')
      .values(
        part.map((p) => ({
          id: p.id.toString(),
          brand_id: p.input.brandId,
          type: p.input.type,
          event_id: p.input.eventId,
          customer_id: p.customer.row.id.toString(),
          occurred_at: p.input.occurredAt,
          amount: str(p.input.amount),
          currency: p.input.currency,
          country: p.input.country,
          name: p.input.name,
          order_id: p.input.orderId,
          subscription_id: p.input.subscriptionId,
          original_id: str(p.original_id),
          period_start: p.input.periodStart,
          period_end: p.input.periodEnd,
          is_ftd: p.is_ftd,
          affiliate_id: p.affiliate_id,
          campaign_id: p.campaign_id,
          promo_id: p.promo_id,
          click_id: p.click_id,
          coupon_code_id: p.coupon_code_id,
          attribution_method: p.attribution_method,
          attribution: JSON.stringify(p.attribution),
          flags: p.flags,
          held: p.held,
          hints: JSON.stringify(p.input.hints),
          metadata: JSON.stringify(p.input.metadata),
          body_hash: p.input.bodyHash,
          actor_type: actor.actor_type,
          actor_id: actor.actor_id,
        })),
      )
      .onConflict((oc) => oc.columns(['brand_id', 'type', 'event_id']).doNothing())
      .returningAll()
      .execute();
    if (inserted.length !== part.length) return false;
    const byId = new Map(inserted.map((r) => [r.id, r]));
    for (const p of part) {
      const row = byId.get(p.id);
      if (row) p.view = eventView(row, p.customer.row.external_id);
    }
  }

  const lines = batch.events.flatMap(
    (p) =>
      p.input.activity.map((line) => ({
        event_id: p.id.toString(),
        product: line.product,
        currency: p.input.currency as string,
        ...Object.fromEntries(ACTIVITY_FIELDS.map((f) => [f, line.figures[f].toString()])),
      })) as never[],
  );
  const byId = new Map(batch.events.map((p) => [p.id, p]));
  for (const part of chunks(lines)) {
    const inserted = await trx.insertInto('activity_lines').values(part).returningAll().execute();
    for (const line of inserted) {
      const p = byId.get(line.event_id);
      p?.view?.activity.push({
        product: line.product,
        currency: line.currency,
        ...Object.fromEntries(ACTIVITY_FIELDS.map((f) => [f, Number(line[f])])),
      });
    }
  }

  const decisions = batch.events.flatMap((p) =>
    p.decision
      ? [
          {
            customer_id: p.customer.row.id.toString(),
            event_id: p.id.toString(),
            kind: p.decision.kind,
            previous_affiliate_id: p.decision.previous_affiliate_id,
            affiliate_id: p.decision.binding.affiliateId,
            campaign_id: p.decision.binding.campaignId,
            promo_id: p.decision.binding.promoId,
            click_id: p.decision.binding.clickId,
            coupon_code_id: p.decision.binding.couponCodeId,
            method: p.decision.binding.method,
            explanation: JSON.stringify(p.decision.explanation),
            ...actor,
          },
        ]
      : [],
  );
  for (const part of chunks(decisions)) await trx.insertInto('attribution_decisions').values(part).execute();

  const flags = batch.events.flatMap((p) =>
    p.fraud.map((hit) => ({
      customer_id: p.customer.row.id.toString(),
      event_id: p.id.toString(),
      rule: hit.rule,
      mode: hit.mode,
      detail: JSON.stringify(hit.detail),
    })),
  );
  for (const part of chunks(flags)) await trx.insertInto('fraud_flags').values(part).execute();

  // The customers' new state in one statement per chunk (new ones get their FTD event here too).
  const all = [...batch.newCustomers, ...batch.changedCustomers];
  for (const part of chunks(all)) {
    const records = part.map(({ row }) => ({
      id: row.id.toString(),
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
      email_hash: row.email_hash,
      ip: row.ip,
      device_id: row.device_id,
      first_event_at: iso(row.first_event_at),
      registered_at: iso(row.registered_at),
      attributed_at: iso(row.attributed_at),
      ftd_at: iso(row.ftd_at),
      ftd_amount: str(row.ftd_amount),
      ftd_currency: row.ftd_currency,
      ftd_event_id: str(row.ftd_event_id),
      qualified_at: iso(row.qualified_at),
      flags: row.flags,
      held: row.held,
      last_event_at: iso(row.last_event_at),
      event_count: row.event_count,
    }));
    await sql`
      update customers as c set
        affiliate_id = x.affiliate_id, campaign_id = x.campaign_id, promo_id = x.promo_id,
        click_id = x.click_id, coupon_code_id = x.coupon_code_id, attribution_method = x.attribution_method,
        sub1 = x.sub1, sub2 = x.sub2, sub3 = x.sub3, sub4 = x.sub4, sub5 = x.sub5, params = x.params,
        country = x.country, email_hash = x.email_hash, ip = x.ip, device_id = x.device_id,
        first_event_at = x.first_event_at, registered_at = x.registered_at, attributed_at = x.attributed_at,
        ftd_at = x.ftd_at, ftd_amount = x.ftd_amount, ftd_currency = x.ftd_currency, ftd_event_id = x.ftd_event_id,
        qualified_at = x.qualified_at, flags = x.flags, held = x.held, last_event_at = x.last_event_at,
        event_count = x.event_count, updated_at = now()
      from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as x(
        id bigint, affiliate_id integer, campaign_id integer, promo_id integer, click_id text,
        coupon_code_id integer, attribution_method text, sub1 text, sub2 text, sub3 text, sub4 text,
        sub5 text, params jsonb, country text, email_hash text, ip text, device_id text,
        first_event_at timestamptz, registered_at timestamptz, attributed_at timestamptz,
        ftd_at timestamptz, ftd_amount bigint, ftd_currency text, ftd_event_id bigint,
        qualified_at timestamptz, flags text[], held boolean, last_event_at timestamptz,
        event_count integer)
      where c.id = x.id`.execute(trx);
  }

  const totals = all.flatMap((state) =>
    [...state.totals.entries()].map(([currency, t]) => ({
      customer_id: state.row.id.toString(),
      currency,
      ...Object.fromEntries(Object.entries(t).map(([k, v]) => [k, v.toString()])),
    })),
  );
  const counters = [
    'deposit_count',
    'deposit_total',
    'withdrawal_count',
    'withdrawal_total',
    'sale_count',
    'sale_total',
    'refund_total',
    ...ACTIVITY_FIELDS,
  ] as const;
  for (const part of chunks(totals))
    await trx
      .insertInto('customer_totals')
      .values(part as never)
      .onConflict((oc) =>
        oc
          .columns(['customer_id', 'currency'])
          .doUpdateSet(
            Object.fromEntries(
              counters.map((c) => [c, sql`customer_totals.${sql.ref(c)} + excluded.${sql.ref(c)}`]),
            ) as never,
          ),
      )
      .execute();
  return true;
}
