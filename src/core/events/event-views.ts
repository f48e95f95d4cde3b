import type { Selectable } from 'kysely';
import type { Db } from '../../db/index.ts';
import type { ActivityLinesTable } from '../../db/tables/events.ts';
import { type EventRow, type EventView, eventView } from './event-view.ts';

/**
 * Events as the API shows them, from their rows (each with its customer's operator id): the
 * activity lines of the activity events are read in one query and handed to each.
 */
export async function eventViews(db: Db, rows: (EventRow & { external_id: string })[]): Promise<EventView[]> {
  const activity = rows.filter((r) => r.type === 'activity').map((r) => r.id);
  const lines = activity.length
    ? await db
        .selectFrom('activity_lines')
        .selectAll()
        .where('event_id', 'in', activity)
        .orderBy('id')
        .execute()
    : [];
  const byEvent = new Map<bigint, Selectable<ActivityLinesTable>[]>();
  for (const line of lines) byEvent.set(line.event_id, [...(byEvent.get(line.event_id) ?? []), line]);
  return rows.map((r) => eventView(r, r.external_id, byEvent.get(r.id) ?? []));
}

/** The events with these ids, joined to their customers. */
export async function loadEventViews(db: Db, ids: bigint[]): Promise<Map<bigint, EventView>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom('events as e')
    .innerJoin('customers as c', 'c.id', 'e.customer_id')
    .selectAll('e')
    .select('c.external_id')
    .where('e.id', 'in', ids)
    .execute();
  const views = await eventViews(db, rows);
  return new Map(views.map((v, i) => [(rows[i] as EventRow).id, v]));
}
