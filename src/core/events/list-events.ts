import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';
import type { EventType } from '../../db/tables/events.ts';
import type { EventView } from './event-view.ts';
import { eventViews } from './event-views.ts';

export interface EventFilter {
  brand_id?: number;
  type?: EventType;
  customer_ref?: number;
  customer_id?: string;
  affiliate_id?: number;
  attributed?: boolean;
  held?: boolean;
  flagged?: boolean;
  is_ftd?: boolean;
  occurred_from?: Date;
  occurred_to?: Date;
  received_from?: Date;
  received_to?: Date;
}

/**
 * Events newest first (by arrival), with both times: a late event shows when it happened and
 * when it reached us. A limited account manager (`managerId`) sees only their affiliates' events.
 */
export async function listEvents(options: {
  db: Db;
  filter: EventFilter;
  limit: number;
  offset: number;
  managerId?: number;
}): Promise<{ data: EventView[]; total: number }> {
  const { db, filter: f } = options;
  let query = db.selectFrom('events as e').innerJoin('customers as c', 'c.id', 'e.customer_id');
  if (f.brand_id !== undefined) query = query.where('e.brand_id', '=', f.brand_id);
  if (f.type !== undefined) query = query.where('e.type', '=', f.type);
  if (f.customer_ref !== undefined) query = query.where('e.customer_id', '=', BigInt(f.customer_ref));
  if (f.customer_id !== undefined) query = query.where('c.external_id', '=', f.customer_id);
  if (f.affiliate_id !== undefined) query = query.where('e.affiliate_id', '=', f.affiliate_id);
  if (f.attributed !== undefined) query = query.where('e.affiliate_id', f.attributed ? 'is not' : 'is', null);
  if (f.held !== undefined) query = query.where('e.held', '=', f.held);
  if (f.flagged !== undefined)
    query = query.where(
      f.flagged ? sql<boolean>`cardinality(e.flags) > 0` : sql<boolean>`cardinality(e.flags) = 0`,
    );
  if (f.is_ftd !== undefined) query = query.where('e.is_ftd', '=', f.is_ftd);
  if (f.occurred_from) query = query.where('e.occurred_at', '>=', f.occurred_from);
  if (f.occurred_to) query = query.where('e.occurred_at', '<=', f.occurred_to);
  if (f.received_from) query = query.where('e.received_at', '>=', f.received_from);
  if (f.received_to) query = query.where('e.received_at', '<=', f.received_to);
  if (options.managerId !== undefined) {
    const managerId = options.managerId;
    query = query.where((eb) =>
      eb(
        'e.affiliate_id',
        'in',
        eb
          .selectFrom('affiliates')
          .select('affiliates.id')
          .where('affiliates.account_manager_id', '=', managerId),
      ),
    );
  }
  const [rows, count] = await Promise.all([
    query
      .selectAll('e')
      .select('c.external_id')
      .orderBy('e.id', 'desc')
      .limit(options.limit)
      .offset(options.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    data: await eventViews(db, rows),
    total: Number(count.n),
  };
}
