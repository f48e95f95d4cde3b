import { sql, type Transaction } from 'kysely';
import type { Db } from '../../../db/index.ts';
import type { DB } from '../../../db/schema.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { Actor } from '../../actor.ts';
import { holdCustomerCommissions } from '../../commissions/earned/hold-customer-commissions.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import type { EventInput } from '../event-input.ts';
import type { EventView } from '../event-view.ts';
import { loadEventViews } from '../event-views.ts';
import { applyEventToCustomer } from './apply-event.ts';
import { attributeEvent } from './attribute-event.ts';
import { bindingOf, type CustomerState, newCustomerState } from './customer-state.ts';
import { earnAndNotify } from './earn-and-notify.ts';
import { findReplays } from './find-replays.ts';
import { loadFraudContext } from './fraud-context.ts';
import { customerKey, eventKey, type Item, type ItemResult, rejected } from './item-result.ts';
import { loadAttributionLookups } from './load-lookups.ts';
import { parseEvent } from './parse-event.ts';
import { loadOriginals, type Original, takeBackFrom } from './take-back.ts';
import { type PendingEvent, writeBatch } from './write-batch.ts';

export type { ItemResult } from './item-result.ts';

export interface RecordEventsOptions {
  db: Db;
  actor: Actor;
  items: unknown[];
  /** Paths name the item (`events[3].amount`) in a batch, the field alone for one event. */
  batch: boolean;
  now?: Date;
  /**
   * The job queue: the accepted events' postbacks are queued in the batch's transaction. Left
   * out (imports of history), no postback is sent.
   */
  jobs?: JobQueue;
}

type Brand = { id: number; attribution_binding: 'lifetime' | 'last_click'; click_lookback_days: number };

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
  const valid: Item<EventInput>[] = [];
  items.forEach((raw, index) => {
    const parsed = parseEvent(raw, context, prefix(index));
    if (parsed.errors) results[index] = rejected(index, parsed.errors);
    else valid.push({ index, input: parsed.input });
  });

  const brandIds = [...new Set(valid.map((v) => v.input.brandId))];
  const brands = new Map<number, Brand>(
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
        recordInTransaction({
          trx,
          actor: options.actor,
          items: known,
          results: [...results],
          brands,
          prefix,
          now,
          jobs: options.jobs,
        }),
      );
    } catch (error) {
      if (!isRetryable(error) || attempt >= 5 || db.isTransaction) throw error;
    }
  }
}

async function recordInTransaction(batch: {
  trx: Transaction<DB>;
  actor: Actor;
  items: Item<EventInput>[];
  results: (ItemResult | undefined)[];
  brands: Map<number, Brand>;
  prefix: (i: number) => string;
  now: Date;
  jobs: JobQueue | undefined;
}): Promise<ItemResult[]> {
  const { trx, results, brands, prefix, now } = batch;
  const replays = await findReplays(trx, batch.items, prefix);
  for (const conflict of replays.conflicts) results[conflict.index] = conflict;
  const fresh = replays.fresh;

  // The customers, locked in a fixed order; then what refunds take back (behind those locks).
  // FOR NO KEY UPDATE, the lock an update of non-key columns takes: a concurrent batch writing a
  // commission that names one of these customers (a whole-period tier top-up) checks its foreign
  // key with FOR KEY SHARE, which this lock lets through, so it never waits on this batch while
  // this batch waits on its tier lock.
  const customerInputs = [
    ...new Map(fresh.map((v) => [customerKey(v.input.brandId, v.input.customerId), v.input])).values(),
  ];
  const stored = customerInputs.length
    ? await trx
        .selectFrom('customers')
        .selectAll()
        .where(
          sql<boolean>`(brand_id, external_id) in (select * from unnest(${customerInputs.map((i) => i.brandId)}::int[], ${customerInputs.map((i) => i.customerId)}::text[]))`,
        )
        .orderBy('id')
        .forNoKeyUpdate()
        .execute()
    : [];
  const originals = await loadOriginals(trx, fresh);
  const lookups = await loadAttributionLookups(
    trx,
    fresh.map((v) => v.input),
    stored,
  );
  const fraud = await loadFraudContext(
    trx,
    fresh.map((v) => v.input),
    lookups,
  );

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
  const newlyHeld = new Map<bigint, string[]>();
  const ids = await allocateIds(trx, fresh.length, customerInputs.length - stored.length);

  // Each event in the order sent, against its customer as the earlier ones left it.
  for (const { index, input } of fresh) {
    const brand = brands.get(input.brandId) as Brand;
    const ck = customerKey(input.brandId, input.customerId);
    let original: Original | null = null;
    if (input.originalEventId) {
      const taken = takeBackFrom(originals, input, customers.get(ck)?.row.id ?? null);
      if ('field' in taken) {
        results[index] = rejected(index, [
          { path: `${prefix(index)}${taken.field}`, message: taken.message },
        ]);
        continue;
      }
      original = taken.original;
    }
    let state = customers.get(ck);
    if (!state) {
      state = newCustomerState(ids.customers[newCustomers.length] as bigint, input);
      customers.set(ck, state);
      newCustomers.push(state);
    }
    const row = state.row;
    const policy = { binding: brand.attribution_binding, lookbackDays: brand.click_lookback_days };
    const eventRef = ids.events[pending.length] as bigint;
    const { owner, method, explained, click, change } = attributeEvent({
      input,
      state,
      original,
      policy,
      lookups,
      affiliateName,
      now,
    });

    const isFtd = applyEventToCustomer(state, input, eventRef, click);
    const hits = fraud.check(
      input.brandId,
      {
        type: input.type,
        occurredAt: input.occurredAt,
        affiliateId: row.affiliate_id,
        click: click ?? (row.click_id ? (lookups.clicks.get(row.click_id) ?? null) : null),
        country: input.country ?? row.country,
        email_hash: input.hints.email_hash ?? row.email_hash,
        ip: input.hints.ip ?? row.ip,
        device_id: input.hints.device_id ?? row.device_id,
      },
      row,
    );
    for (const hit of hits) {
      row.flags = [...row.flags, hit.rule];
      if (hit.mode !== 'hold') continue;
      // A stored customer held now: what it earned before is held with it (below).
      if (!row.held && !state.isNew) newlyHeld.set(row.id, [...(newlyHeld.get(row.id) ?? []), hit.rule]);
      row.held = true;
    }
    fraud.remember(input.brandId, row);

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
      decision: change,
    });
    // A later refund in the same batch may take this one back.
    originals.set(eventKey(input.brandId, input.type, input.eventId), {
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
  const written = await writeBatch(trx, {
    actor: batch.actor,
    events: pending,
    newCustomers: newCustomers.filter((c) => used.has(c)),
    changedCustomers: [...customers.values()].filter((c) => !c.isNew && used.has(c)),
  });
  if (!written) throw new RaceLost();
  // What the events earn, and their postbacks, commit with them.
  await earnAndNotify(trx, batch, pending, used);
  await holdCustomerCommissions({ db: trx, actor: batch.actor, customers: newlyHeld, now });

  const created = new Map<number, EventView>();
  for (const p of pending) {
    created.set(p.index, p.view as EventView);
    results[p.index] = { index: p.index, status: 'created', event: p.view as EventView };
  }
  const earlier = await loadEventViews(
    trx,
    replays.duplicates.flatMap((d) => (d.eventId === undefined ? [] : [d.eventId])),
  );
  for (const d of replays.duplicates) {
    const view = d.eventId !== undefined ? earlier.get(d.eventId) : created.get(d.sameAs as number);
    const first = d.sameAs === undefined ? undefined : results[d.sameAs];
    if (view) results[d.index] = { index: d.index, status: 'duplicate', event: view };
    // A repeat of an item this batch refused (a refund of too much, twice) is refused the same way.
    else if (first?.status === 'rejected')
      results[d.index] = rejected(
        d.index,
        first.error.fields.map((f) => ({
          ...f,
          path: prefix(d.index) + f.path.slice(prefix(d.sameAs as number).length),
        })),
        first.error.code,
      );
  }
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
