import type { Db } from '../../../db/index.ts';
import type { Actor } from '../../actor.ts';
import { managedAffiliateIds } from '../../auth/managed-affiliates.ts';
import { AppError } from '../../errors.ts';
import { type MessageSender, type MessageView, messageViews, otherSide } from './message-view.ts';

/**
 * The reader marks a message from the other side read (or unread again, `read: false`), with who
 * did it. One's own messages are read by the other side only (422).
 */
export async function markMessageRead(options: {
  db: Db;
  actor: Actor;
  reader: MessageSender;
  id: number;
  read: boolean;
  affiliateId?: number;
  managerId?: number;
}): Promise<MessageView> {
  let q = options.db.selectFrom('messages').selectAll().where('id', '=', options.id);
  if (options.affiliateId !== undefined) q = q.where('affiliate_id', '=', options.affiliateId);
  if (options.managerId !== undefined)
    q = q.where('affiliate_id', 'in', managedAffiliateIds(options.db, options.managerId));
  const row = await q.executeTakeFirst();
  if (!row) throw AppError.notFound('message');
  if (row.sender !== otherSide(options.reader))
    throw AppError.field('id', 'is a message you sent: only its recipient marks it read');
  const updated = await options.db
    .updateTable('messages')
    .set(
      options.read
        ? { read_at: row.read_at ?? new Date(), read_by: row.read_by ?? options.actor.name.slice(0, 200) }
        : { read_at: null, read_by: null },
    )
    .where('id', '=', row.id)
    .returningAll()
    .executeTakeFirstOrThrow();
  const [view] = await messageViews(options.db, [updated]);
  return view!;
}
