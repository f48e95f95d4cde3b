import type { Db } from '../../db/index.ts';
import { AppError } from '../errors.ts';
import type { EventView } from './event-view.ts';
import { eventViews } from './event-views.ts';

/** One event with its attribution explanation; a limited manager's other affiliates' are not found. */
export async function getEvent(options: { db: Db; id: number; managerId?: number }): Promise<EventView> {
  const { db, id } = options;
  const row = await db
    .selectFrom('events as e')
    .innerJoin('customers as c', 'c.id', 'e.customer_id')
    .leftJoin('affiliates as a', 'a.id', 'e.affiliate_id')
    .selectAll('e')
    .select(['c.external_id', 'a.account_manager_id'])
    .where('e.id', '=', BigInt(id))
    .executeTakeFirst();
  if (!row || (options.managerId !== undefined && row.account_manager_id !== options.managerId))
    throw AppError.notFound('event');
  const [view] = await eventViews(db, [row]);
  return view as EventView;
}
