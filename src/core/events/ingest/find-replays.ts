import { sql, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { EventInput } from '../event-input.ts';
import { eventKey, type Item, type ItemResult, rejected } from './item-result.ts';

export interface Replays {
  /** Items to record: the first of each key not yet stored. */
  fresh: Item<EventInput>[];
  /** Replays with the same body: of a stored event, or of an earlier item of this batch. */
  duplicates: { index: number; eventId?: bigint; sameAs?: number }[];
  /** The same key with another body. */
  conflicts: ItemResult[];
}

/**
 * Sorts a batch by its idempotency keys (brand, type, event_id): the same key with the same body
 * is a duplicate, with another body a conflict. Keys go to the database as arrays (unnest): a list
 * of a thousand row values would be planned as as many OR branches.
 */
export async function findReplays(
  trx: Transaction<DB>,
  items: Item<EventInput>[],
  prefix: (index: number) => string,
): Promise<Replays> {
  const existing = await trx
    .selectFrom('events')
    .select(['id', 'brand_id', 'type', 'event_id', 'body_hash'])
    .where(
      sql<boolean>`(brand_id, type, event_id) in (select * from unnest(${items.map((v) => v.input.brandId)}::int[], ${items.map((v) => v.input.type)}::text[], ${items.map((v) => v.input.eventId)}::text[]))`,
    )
    .execute();
  const stored = new Map(existing.map((e) => [eventKey(e.brand_id, e.type, e.event_id), e]));
  const first = new Map<string, { index: number; bodyHash: string }>();
  const out: Replays = { fresh: [], duplicates: [], conflicts: [] };
  const conflict = (index: number, what: string) =>
    out.conflicts.push(
      rejected(
        index,
        [{ path: `${prefix(index)}event_id`, message: `was already used for ${what} with a different body` }],
        'idempotency_conflict',
      ),
    );
  for (const item of items) {
    const k = eventKey(item.input.brandId, item.input.type, item.input.eventId);
    const done = stored.get(k);
    const earlier = first.get(k);
    if (done) {
      if (done.body_hash === item.input.bodyHash)
        out.duplicates.push({ index: item.index, eventId: done.id });
      else conflict(item.index, `${item.input.type} ${done.id}`);
    } else if (earlier) {
      if (earlier.bodyHash === item.input.bodyHash)
        out.duplicates.push({ index: item.index, sameAs: earlier.index });
      else conflict(item.index, `item ${earlier.index} of this batch`);
    } else {
      first.set(k, { index: item.index, bodyHash: item.input.bodyHash });
      out.fresh.push(item);
    }
  }
  return out;
}
