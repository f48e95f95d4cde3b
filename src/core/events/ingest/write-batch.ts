import { sql, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { EventsTable } from '../../../db/tables/events.ts';
import { type Actor, actorColumns } from '../../actor.ts';
import { queueWebhookEvents } from '../../webhooks/queue-webhook-event.ts';
import type { Binding, Explanation } from '../attribution/attribution-types.ts';
import { ACTIVITY_FIELDS, type EventInput } from '../event-input.ts';
import { type EventRow, type EventView, eventView } from '../event-view.ts';
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

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const str = (v: bigint | null) => (v === null ? null : v.toString());

/**
 * Inserts `records` into `table` from one JSON parameter (jsonb_to_recordset with `columns`, the
 * column list and types): a batch's rows in one statement whose text does not grow with them. A
 * thousand rows as bind parameters cost more to build, send and plan than to write. jsonb, not
 * json: json_to_recordset parses the text again for every jsonb column of every row (the
 * attribution explanation), four times the cost of parsing the batch once as jsonb.
 */
function insertFromJson(table: string, columns: string, records: object[]) {
  const names = columns
    .split(',')
    .map((c) => c.trim().split(' ')[0])
    .join(', ');
  return sql`insert into ${sql.table(table)} (${sql.raw(names)})
    select ${sql.raw(names)} from jsonb_to_recordset(${JSON.stringify(records)}::jsonb) as x(${sql.raw(columns)})`;
}

const CUSTOMER_COLUMNS = `id bigint, brand_id integer, external_id text, affiliate_id integer, campaign_id integer,
  promo_id integer, click_id text, coupon_code_id integer, attribution_method text, sub1 text, sub2 text,
  sub3 text, sub4 text, sub5 text, params jsonb, country text, email_hash text, ip text, device_id text,
  first_event_at timestamptz, registered_at timestamptz, attributed_at timestamptz, ftd_at timestamptz,
  ftd_amount bigint, ftd_currency text, ftd_event_id bigint, qualified_at timestamptz, flags text[],
  held boolean, last_event_at timestamptz, event_count integer`;

const EVENT_COLUMNS = `id bigint, brand_id integer, type text, event_id text, customer_id bigint,
  occurred_at timestamptz, amount bigint, currency text, country text, name text, order_id text,
  subscription_id text, original_id bigint, period_start date, period_end date, is_ftd boolean,
  affiliate_id integer, campaign_id integer, promo_id integer, click_id text, coupon_code_id integer,
  attribution_method text, attribution jsonb, flags text[], held boolean, hints jsonb, metadata jsonb,
  body_hash text, actor_type text, actor_id integer`;

const LINE_COLUMNS = `event_id bigint, product text, currency text, ${ACTIVITY_FIELDS.map((f) => `${f} bigint`).join(', ')}`;

const DECISION_COLUMNS = `customer_id bigint, event_id bigint, kind text, previous_affiliate_id integer,
  affiliate_id integer, campaign_id integer, promo_id integer, click_id text, coupon_code_id integer,
  method text, explanation jsonb, actor_type text, actor_id integer, actor_name text`;

const FLAG_COLUMNS = 'customer_id bigint, event_id bigint, rule text, mode text, detail jsonb';

const COUNTERS = [
  'deposit_count',
  'deposit_total',
  'withdrawal_count',
  'withdrawal_total',
  'sale_count',
  'sale_total',
  'refund_total',
  ...ACTIVITY_FIELDS,
] as const;
const TOTAL_COLUMNS = `customer_id bigint, currency text, ${COUNTERS.map((c) => `${c} bigint`).join(', ')}`;

/**
 * Writes a recorded batch: new customers, the events with their activity lines, attribution
 * decisions and fraud flags, then the customers' new state and totals, one statement each.
 * Returns false when a concurrent batch created one of the same rows first (the caller runs the
 * batch again). Each event's view (`view`) is built from what was written, not read back.
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
  if (batch.newCustomers.length) {
    // In one order, so that concurrent batches creating the same customers wait instead of deadlocking.
    const fresh = [...batch.newCustomers].sort((a, b) => (a.row.external_id < b.row.external_id ? -1 : 1));
    const { rows } = await sql`${insertFromJson(
      'customers',
      CUSTOMER_COLUMNS,
      fresh.map(({ row }) => customerRecord(row)),
    )} on conflict (brand_id, external_id) do nothing returning id`.execute(trx);
    if (rows.length !== fresh.length) return false;
  }

  if (batch.events.length) {
    const events = batch.events.map((p) => eventRow(p, actor));
    const { rows } = await sql<{ id: bigint; received_at: Date }>`${insertFromJson(
      'events',
      EVENT_COLUMNS,
      events.map((row) => ({
        ...row,
        id: row.id.toString(),
        customer_id: row.customer_id.toString(),
        amount: str(row.amount),
        original_id: str(row.original_id),
      })),
    )} on conflict (brand_id, type, event_id) do nothing returning id, received_at`.execute(trx);
    if (rows.length !== batch.events.length) return false;
    // One transaction: every row got the same received_at.
    const receivedAt = (rows[0] as { received_at: Date }).received_at;
    batch.events.forEach((p, i) => {
      p.view = eventView(
        { ...(events[i] as Omit<EventRow, 'received_at'>), received_at: receivedAt },
        p.customer.row.external_id,
        p.input.activity.map((line, n) => ({
          id: BigInt(n),
          event_id: p.id,
          product: line.product,
          currency: p.input.currency as string,
          ...line.figures,
          bet_count: Number(line.figures.bet_count),
        })),
      );
    });
  }

  const lines = batch.events.flatMap((p) =>
    p.input.activity.map((line) => ({
      event_id: p.id.toString(),
      product: line.product,
      currency: p.input.currency as string,
      ...Object.fromEntries(ACTIVITY_FIELDS.map((f) => [f, line.figures[f].toString()])),
    })),
  );
  if (lines.length) await insertFromJson('activity_lines', LINE_COLUMNS, lines).execute(trx);

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
            explanation: p.decision.explanation,
            ...actor,
          },
        ]
      : [],
  );
  if (decisions.length)
    await insertFromJson('attribution_decisions', DECISION_COLUMNS, decisions).execute(trx);
  // The operator's customer.attributed webhooks commit with the decisions.
  await queueWebhookEvents({
    db: trx,
    type: 'customer.attributed',
    payloads: decisions
      .filter((d) => d.affiliate_id !== null)
      .map(({ explanation: _e, actor_type: _t, actor_id: _i, actor_name: _n, ...d }) => d),
  });

  const flags = batch.events.flatMap((p) =>
    p.fraud.map((hit) => ({
      customer_id: p.customer.row.id.toString(),
      event_id: p.id.toString(),
      rule: hit.rule,
      mode: hit.mode,
      detail: hit.detail,
    })),
  );
  if (flags.length) await insertFromJson('fraud_flags', FLAG_COLUMNS, flags).execute(trx);

  // The known customers' new state in one statement (new ones were inserted as they now are:
  // ftd_event_id names an event written after them, but no foreign key holds it to one).
  const all = [...batch.newCustomers, ...batch.changedCustomers];
  if (batch.changedCustomers.length)
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
      from jsonb_to_recordset(${JSON.stringify(
        batch.changedCustomers.map(({ row }) => customerRecord(row)),
      )}::jsonb) as x(${sql.raw(CUSTOMER_COLUMNS)})
      where c.id = x.id`.execute(trx);

  const totals: Record<string, string>[] = [];
  for (const state of all)
    for (const [currency, t] of state.totals) {
      const record: Record<string, string> = { customer_id: state.row.id.toString(), currency };
      for (const c of COUNTERS) record[c] = t[c].toString();
      totals.push(record);
    }
  if (totals.length)
    await sql`${insertFromJson('customer_totals', TOTAL_COLUMNS, totals)}
      on conflict (customer_id, currency) do update set ${sql.join(
        COUNTERS.map((c) => sql`${sql.ref(c)} = customer_totals.${sql.ref(c)} + excluded.${sql.ref(c)}`),
      )}`.execute(trx);
  return true;
}

function customerRecord(row: CustomerState['row']) {
  return {
    id: row.id.toString(),
    brand_id: row.brand_id,
    external_id: row.external_id,
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
  };
}

/** The event's row as written (all but received_at, which the database sets). */
function eventRow(p: PendingEvent, actor: ReturnType<typeof actorColumns>): Omit<EventRow, 'received_at'> {
  return {
    id: p.id,
    brand_id: p.input.brandId,
    type: p.input.type,
    event_id: p.input.eventId,
    customer_id: p.customer.row.id,
    occurred_at: p.input.occurredAt,
    amount: p.input.amount,
    currency: p.input.currency,
    country: p.input.country,
    name: p.input.name,
    order_id: p.input.orderId,
    subscription_id: p.input.subscriptionId,
    original_id: p.original_id,
    period_start: p.input.periodStart,
    period_end: p.input.periodEnd,
    is_ftd: p.is_ftd,
    affiliate_id: p.affiliate_id,
    campaign_id: p.campaign_id,
    promo_id: p.promo_id,
    click_id: p.click_id,
    coupon_code_id: p.coupon_code_id,
    attribution_method: p.attribution_method,
    attribution: p.attribution,
    flags: p.flags,
    held: p.held,
    hints: p.input.hints as Record<string, unknown>,
    metadata: p.input.metadata,
    body_hash: p.input.bodyHash,
    actor_type: actor.actor_type,
    actor_id: actor.actor_id,
  };
}
