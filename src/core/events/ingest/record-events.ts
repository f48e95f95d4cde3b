import { sql, type Transaction } from 'kysely';
import type { Db } from '../../../db/index.ts';
import type { DB } from '../../../db/schema.ts';
import type { EventType, FraudRuleName } from '../../../db/tables/events.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { Actor } from '../../actor.ts';
import type { FieldError } from '../../errors.ts';
import type { Explanation } from '../attribution/attribution-types.ts';
import { decideAttribution } from '../attribution/decide-attribution.ts';
import type { EventInput } from '../event-input.ts';
import { type EventView, eventView } from '../event-view.ts';
import { checkFraud, DUPLICATE_MATCH_FIELDS, type DuplicateField } from '../fraud/check-fraud.ts';
import { addToTotals, bindingOf, type CustomerState, newCustomerState } from './customer-state.ts';
import {
  loadAffiliateIdentities,
  loadAttributionLookups,
  loadDuplicateCandidates,
  loadFraudRules,
} from './load-lookups.ts';
import { parseEvent } from './parse-event.ts';
import { type PendingEvent, writeBatch } from './write-batch.ts';

export type ItemResult =
  | { index: number; status: 'created' | 'duplicate'; event: EventView }
  | {
      index: number;
      status: 'rejected';
      error: { code: 'validation_failed' | 'idempotency_conflict'; message: string; fields: FieldError[] };
    };

export interface RecordEventsOptions {
  db: Db;
  actor: Actor;
  items: unknown[];
  /** Paths name the item (`events[3].amount`) in a batch, the field alone for one event. */
  batch: boolean;
  now?: Date;
}

/** A concurrent batch created a customer or event this one meant to create: run it again. */
class RaceLost extends Error {}

/**
 * Whether a batch failed only because a concurrent one got in its way (a race for the same new
 * rows, a deadlock, a serialization failure): run again, it records the same. recordEvents does
 * so itself unless it was given a transaction; a caller that gave one retries its own.
 */
export function isRetryable(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return error instanceof RaceLost || code === '40P01' || code === '40001';
}

const key = (brandId: number, type: string, eventId: string) => `${brandId}\u0000${type}\u0000${eventId}`;
const customerKey = (brandId: number, externalId: string) => `${brandId}\u0000${externalId}`;

function rejected(
  index: number,
  fields: FieldError[],
  code: 'validation_failed' | 'idempotency_conflict' = 'validation_failed',
): ItemResult {
  return {
    index,
    status: 'rejected',
    error: { code, message: fields.map((f) => `${f.path}: ${f.message}`).join('; '), fields },
  };
}

/**
 * Records one event or a batch: each item is checked, deduplicated by (brand, type, event_id),
 * attributed and applied to its customer; the accepted ones commit together, the others are
 * answered with their problems and leave nothing behind. Customers are locked in id order, so
 * concurrent batches touching the same customers queue instead of racing.
 */
export async function recordEvents(options: RecordEventsOptions): Promise<ItemResult[]> {
  const { db, items, batch } = options;
  const now = options.now ?? new Date();
  const [currencies, countries] = await Promise.all([
    db.selectFrom('currencies').select('code').execute(),
    db.selectFrom('countries').select('code').execute(),
  ]);
  const context = {
    currencies: new Set(currencies.map((c) => c.code)),
    countries: new Set(countries.map((c) => c.code)),
    now,
  };
  const prefix = (i: number) => (batch ? `events[${i}].` : '');
  const results: (ItemResult | undefined)[] = [];
  const valid: { index: number; input: EventInput }[] = [];
  items.forEach((raw, index) => {
    const parsed = parseEvent(raw, context, prefix(index));
    if (parsed.errors) results[index] = rejected(index, parsed.errors);
    else valid.push({ index, input: parsed.input });
  });

  const brandIds = [...new Set(valid.map((v) => v.input.brandId))];
  const brands = new Map(
    (brandIds.length
      ? await db
          .selectFrom('brands')
          .select(['id', 'attribution_binding', 'click_lookback_days'])
          .where('id', 'in', brandIds)
          .execute()
      : []
    ).map((b) => [b.id, b]),
  );
  const known = valid.filter((v) => {
    if (brands.has(v.input.brandId)) return true;
    results[v.index] = rejected(v.index, [
      { path: `${prefix(v.index)}brand_id`, message: `no brand ${v.input.brandId} exists` },
    ]);
    return false;
  });
  if (known.length === 0) return results as ItemResult[];

  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransaction(db, (trx) =>
        recordInTransaction(trx, options, known, [...results], brands, prefix, now),
      );
    } catch (error) {
      if (!isRetryable(error) || attempt >= 5 || db.isTransaction) throw error;
    }
  }
}

async function recordInTransaction(
  trx: Transaction<DB>,
  options: RecordEventsOptions,
  items: { index: number; input: EventInput }[],
  results: (ItemResult | undefined)[],
  brands: Map<
    number,
    { id: number; attribution_binding: 'lifetime' | 'last_click'; click_lookback_days: number }
  >,
  prefix: (i: number) => string,
  now: Date,
): Promise<ItemResult[]> {
  // 1. Replays: the same key with the same body is a duplicate, with another body a conflict.
  // Keys as arrays joined to the table (unnest): a list of a thousand row values would be
  // planned as as many OR branches, which costs more than the lookup itself.
  const existing = await trx
    .selectFrom('events')
    .select(['id', 'brand_id', 'type', 'event_id', 'body_hash'])
    .where(
      sql<boolean>`(brand_id, type, event_id) in (select * from unnest(${items.map((v) => v.input.brandId)}::int[], ${items.map((v) => v.input.type)}::text[], ${items.map((v) => v.input.eventId)}::text[]))`,
    )
    .execute();
  const existingByKey = new Map(existing.map((e) => [key(e.brand_id, e.type, e.event_id), e]));
  const firstInBatch = new Map<string, { index: number; bodyHash: string }>();
  const duplicates: { index: number; eventId?: bigint; sameAs?: number }[] = [];
  const toRecord: { index: number; input: EventInput }[] = [];
  const conflict = (index: number, what: string) =>
    rejected(
      index,
      [{ path: `${prefix(index)}event_id`, message: `was already used for ${what} with a different body` }],
      'idempotency_conflict',
    );
  for (const item of items) {
    const k = key(item.input.brandId, item.input.type, item.input.eventId);
    const stored = existingByKey.get(k);
    const earlier = firstInBatch.get(k);
    if (stored) {
      if (stored.body_hash === item.input.bodyHash)
        duplicates.push({ index: item.index, eventId: stored.id });
      else results[item.index] = conflict(item.index, `${item.input.type} ${stored.id}`);
    } else if (earlier) {
      if (earlier.bodyHash === item.input.bodyHash)
        duplicates.push({ index: item.index, sameAs: earlier.index });
      else results[item.index] = conflict(item.index, `item ${earlier.index} of this batch`);
    } else {
      firstInBatch.set(k, { index: item.index, bodyHash: item.input.bodyHash });
      toRecord.push(item);
    }
  }

  // 2. The customers, locked in a fixed order.
  const customerKeys = [
    ...new Map(toRecord.map((v) => [customerKey(v.input.brandId, v.input.customerId), v.input])).values(),
  ];
  const stored = customerKeys.length
    ? await trx
        .selectFrom('customers')
        .selectAll()
        .where(
          sql<boolean>`(brand_id, external_id) in (select * from unnest(${customerKeys.map((i) => i.brandId)}::int[], ${customerKeys.map((i) => i.customerId)}::text[]))`,
        )
        .orderBy('id')
        .forUpdate()
        .execute()
    : [];

  // 3. What the events take back (refunds, chargebacks), read after the customers' locks.
  const takeBack = toRecord.filter((v) => v.input.originalEventId);
  const originals = takeBack.length
    ? await trx
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
        .execute()
    : [];
  type Original = {
    id: bigint;
    type: EventType;
    event_id: string;
    customerId: bigint;
    amount: bigint;
    currency: string;
    takenBack: bigint;
    owner: Pick<PendingEvent, 'affiliate_id' | 'campaign_id' | 'promo_id' | 'click_id' | 'coupon_code_id'>;
    summary: string;
  };
  const originalByKey = new Map<string, Original>();
  for (const o of originals)
    originalByKey.set(key(o.brand_id, o.type, o.event_id), {
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

  // 4. Everything the decisions read, in a few queries for the whole batch.
  const lookups = await loadAttributionLookups(
    trx,
    toRecord.map((v) => v.input),
    stored,
  );
  const boundClicks = stored
    .map((c) => c.click_id)
    .filter((id): id is string => !!id && !lookups.clicks.has(id));
  if (boundClicks.length) {
    const extra = await loadAttributionLookups(
      trx,
      boundClicks.map((click_id) => ({ hints: { click_id } }) as EventInput),
      [],
    );
    for (const [id, click] of extra.clicks) lookups.clicks.set(id, click);
  }
  const brandIds = [...new Set(toRecord.map((v) => v.input.brandId))];
  const rules = await loadFraudRules(trx, brandIds);
  const ruleOn = (rule: FraudRuleName) => [...rules.values()].some((r) => r.has(rule));
  const identities = ruleOn('self_referral')
    ? await loadAffiliateIdentities(trx, [...lookups.affiliates.keys()])
    : new Map();
  const sameValue = new Map<string, Set<string>>();
  const valueKey = (brandId: number, field: DuplicateField, value: string) =>
    `${brandId}\u0000${field}\u0000${value}`;
  const remember = (brandId: number, externalId: string, field: DuplicateField, value: string | null) => {
    if (!value) return;
    const k = valueKey(brandId, field, value);
    const set = sameValue.get(k) ?? new Set();
    set.add(externalId);
    sameValue.set(k, set);
  };
  if (ruleOn('duplicate_customer')) {
    const values = { email_hash: [] as string[], ip: [] as string[], device_id: [] as string[] };
    for (const v of toRecord)
      for (const f of DUPLICATE_MATCH_FIELDS)
        if (v.input.hints[f]) values[f].push(v.input.hints[f] as string);
    for (const c of await loadDuplicateCandidates(trx, brandIds, values))
      for (const f of DUPLICATE_MATCH_FIELDS) remember(c.brand_id, c.external_id, f, c[f]);
  }

  // 5. Each event in the order sent, against its customer as the earlier ones left it.
  const customers = new Map<string, CustomerState>();
  for (const row of stored)
    customers.set(customerKey(row.brand_id, row.external_id), {
      row,
      isNew: false,
      binding: bindingOf(row, row.click_id ? (lookups.clicks.get(row.click_id)?.clicked_at ?? null) : null),
      totals: new Map(),
    });
  const affiliateName = (id: number) => lookups.affiliates.get(id)?.name ?? `affiliate ${id}`;
  const pending: PendingEvent[] = [];
  const newCustomers: CustomerState[] = [];
  const createdIndex = new Map<number, number>();
  let nextCustomer = 0;
  const ids = await allocateIds(trx, toRecord.length, customerKeys.length - stored.length);

  for (const { index, input } of toRecord) {
    const brand = brands.get(input.brandId);
    if (!brand) continue;
    const ck = customerKey(input.brandId, input.customerId);
    let original: Original | undefined;
    if (input.originalEventId) {
      const types = input.originalEventType ? [input.originalEventType] : (['deposit', 'sale'] as const);
      const found = types
        .map((t) => originalByKey.get(key(input.brandId, t, input.originalEventId as string)))
        .filter((o): o is Original => !!o);
      const problem = (field: string, message: string) => {
        results[index] = rejected(index, [{ path: `${prefix(index)}${field}`, message }]);
      };
      if (found.length === 0) {
        problem(
          'original_event_id',
          `no deposit or sale with event_id ${input.originalEventId} exists for this brand`,
        );
        continue;
      }
      if (found.length > 1) {
        problem('original_event_type', 'is required: both a deposit and a sale have this event_id');
        continue;
      }
      original = found[0] as Original;
      const owner = customers.get(ck);
      if (!owner || owner.row.id !== original.customerId) {
        problem('customer_id', `must be the customer of the original ${original.type}`);
        continue;
      }
      if (input.currency !== original.currency) {
        problem('currency', `must be ${original.currency}, the currency of the original ${original.type}`);
        continue;
      }
      const left = original.amount - original.takenBack;
      if ((input.amount ?? 0n) > left) {
        problem(
          'amount',
          `must be at most ${left}: the original ${original.type} was ${original.amount} and ${original.takenBack} of it was already taken back`,
        );
        continue;
      }
      original.takenBack += input.amount ?? 0n;
    }

    let state = customers.get(ck);
    if (!state) {
      state = newCustomerState(ids.customers[nextCustomer++] as bigint, input);
      customers.set(ck, state);
      newCustomers.push(state);
    }
    const row = state.row;
    const policy = { binding: brand.attribution_binding, lookbackDays: brand.click_lookback_days };
    let owner: Pick<
      PendingEvent,
      'affiliate_id' | 'campaign_id' | 'promo_id' | 'click_id' | 'coupon_code_id'
    >;
    let method: PendingEvent['attribution_method'];
    let explained: Explanation | Record<string, unknown>;
    let click = null;
    let bindingChange: PendingEvent['decision'] = null;
    const eventRef = ids.events[pending.length] as bigint;
    if (original) {
      owner = original.owner;
      method = 'original_event';
      explained = {
        policy: { binding: policy.binding, click_lookback_days: policy.lookbackDays },
        method,
        ...original.owner,
        original_ref: Number(original.id),
        winner: {
          kind: 'original_event',
          value: original.event_id,
          detail: `${original.type} ${original.event_id}`,
        },
        rejected: [],
        summary: `Follows the ${original.type} ${original.event_id} it takes back. ${original.summary}`,
      };
    } else {
      const decision = decideAttribution({
        hints: input.hints,
        brandId: input.brandId,
        occurredAt: input.occurredAt,
        policy,
        current: state.binding,
        lookups,
        affiliateName,
      });
      const b = decision.binding;
      owner = {
        affiliate_id: b?.affiliateId ?? null,
        campaign_id: b?.campaignId ?? null,
        promo_id: b?.promoId ?? null,
        click_id: b?.clickId ?? null,
        coupon_code_id: b?.couponCodeId ?? null,
      };
      method = decision.method;
      explained = decision.explanation;
      click = decision.click;
      if (decision.change && b) {
        bindingChange = {
          kind: decision.change,
          previous_affiliate_id: row.affiliate_id,
          binding: b,
          explanation: decision.explanation,
        };
        state.binding = { ...b, boundAt: now };
        row.affiliate_id = b.affiliateId;
        row.campaign_id = b.campaignId;
        row.promo_id = b.promoId;
        row.click_id = b.clickId;
        row.coupon_code_id = b.couponCodeId;
        row.attribution_method = b.method;
        row.attributed_at = now;
        if (decision.click) {
          row.sub1 = decision.click.sub1;
          row.sub2 = decision.click.sub2;
          row.sub3 = decision.click.sub3;
          row.sub4 = decision.click.sub4;
          row.sub5 = decision.click.sub5;
          row.params = decision.click.params;
          row.ip ??= decision.click.ip;
        }
      }
    }

    row.country ??= input.country ?? click?.country ?? null;
    for (const f of DUPLICATE_MATCH_FIELDS) if (input.hints[f] && !row[f]) row[f] = input.hints[f] as string;
    if (input.type === 'registration') row.registered_at ??= input.occurredAt;
    if (input.type === 'qualification') row.qualified_at ??= input.occurredAt;
    const isFtd = input.type === 'deposit' && row.ftd_event_id === null;
    if (isFtd) {
      row.ftd_event_id = eventRef;
      row.ftd_at = input.occurredAt;
      row.ftd_amount = input.amount;
      row.ftd_currency = input.currency;
    }
    if (input.occurredAt < row.first_event_at) row.first_event_at = input.occurredAt;
    if (input.occurredAt > row.last_event_at) row.last_event_at = input.occurredAt;
    row.event_count += 1;
    addToTotals(state, input);

    const brandRules = rules.get(input.brandId);
    const hits = brandRules
      ? checkFraud(
          brandRules,
          {
            type: input.type,
            occurredAt: input.occurredAt,
            affiliateId: row.affiliate_id,
            click: click ?? (row.click_id ? (lookups.clicks.get(row.click_id) ?? null) : null),
            country: input.country ?? row.country,
            email_hash: input.hints.email_hash ?? row.email_hash,
            ip: input.hints.ip ?? row.ip,
            device_id: input.hints.device_id ?? row.device_id,
            alreadyFlagged: row.flags,
          },
          {
            affiliateIdentity: (id) => identities.get(id) ?? { emailHashes: new Set(), ips: new Set() },
            otherCustomerWith: (field, value) => {
              const others = sameValue.get(valueKey(input.brandId, field, value));
              for (const other of others ?? []) if (other !== row.external_id) return other;
              return null;
            },
          },
        )
      : [];
    for (const hit of hits) {
      row.flags = [...row.flags, hit.rule];
      if (hit.mode === 'hold') row.held = true;
    }
    for (const f of DUPLICATE_MATCH_FIELDS) remember(input.brandId, row.external_id, f, row[f]);

    createdIndex.set(index, pending.length);
    pending.push({
      id: eventRef,
      index,
      input,
      customer: state,
      original_id: original?.id ?? null,
      is_ftd: isFtd,
      ...owner,
      attribution_method: method,
      attribution: explained,
      flags: hits.map((h) => h.rule),
      fraud: hits,
      held: row.held,
      decision: bindingChange,
    });
    originalByKey.set(key(input.brandId, input.type, input.eventId), {
      id: eventRef,
      type: input.type,
      event_id: input.eventId,
      customerId: row.id,
      amount: input.amount ?? 0n,
      currency: input.currency ?? '',
      takenBack: 0n,
      owner,
      summary: String(explained.summary ?? ''),
    });
  }

  // A customer whose only events were refused is not created.
  const used = new Set(pending.map((p) => p.customer));
  const created = await writeBatch(trx, {
    actor: options.actor,
    events: pending,
    newCustomers: newCustomers.filter((c) => used.has(c)),
    changedCustomers: [...customers.values()].filter((c) => !c.isNew && used.has(c)),
  });
  if (!created) throw new RaceLost();

  const views = new Map<number, EventView>();
  for (const p of pending) views.set(p.index, p.view as EventView);
  const storedViews = await loadViews(
    trx,
    duplicates.filter((d) => d.eventId !== undefined).map((d) => d.eventId as bigint),
  );
  for (const d of duplicates) {
    const view = d.eventId !== undefined ? storedViews.get(d.eventId) : views.get(d.sameAs as number);
    if (view) results[d.index] = { index: d.index, status: 'duplicate', event: view };
  }
  for (const p of pending)
    results[p.index] = { index: p.index, status: 'created', event: p.view as EventView };
  return results as ItemResult[];
}

/** Ids for the batch's events and new customers, taken up front so rows can name each other. */
async function allocateIds(trx: Transaction<DB>, events: number, customers: number) {
  const take = async (table: 'events' | 'customers', n: number): Promise<bigint[]> => {
    if (n <= 0) return [];
    const { rows } = await sql<{ id: string }>`
      select nextval(pg_get_serial_sequence(${table}, 'id'))::text as id from generate_series(1, ${n})`.execute(
      trx,
    );
    return rows.map((r) => BigInt(r.id));
  };
  return { events: await take('events', events), customers: await take('customers', customers) };
}

async function loadViews(trx: Transaction<DB>, ids: bigint[]): Promise<Map<bigint, EventView>> {
  if (ids.length === 0) return new Map();
  const rows = await trx
    .selectFrom('events as e')
    .innerJoin('customers as c', 'c.id', 'e.customer_id')
    .selectAll('e')
    .select('c.external_id')
    .where('e.id', 'in', ids)
    .execute();
  const lines = await trx
    .selectFrom('activity_lines')
    .selectAll()
    .where('event_id', 'in', ids)
    .orderBy('id')
    .execute();
  const out = new Map<bigint, EventView>();
  for (const row of rows)
    out.set(
      row.id,
      eventView(
        row,
        row.external_id,
        lines.filter((l) => l.event_id === row.id),
      ),
    );
  return out;
}
