import type { Db } from '../../../db/index.ts';
import type { Actor } from '../../actor.ts';
import { type MessageSender, otherSide } from './message-view.ts';

/** The reader opened the conversation with one affiliate: every unread message from the other side is read. */
export async function markThreadRead(options: {
  db: Db;
  actor: Actor;
  reader: MessageSender;
  affiliateId: number;
}): Promise<{ marked: number }> {
  const rows = await options.db
    .updateTable('messages')
    .set({ read_at: new Date(), read_by: options.actor.name.slice(0, 200) })
    .where('affiliate_id', '=', options.affiliateId)
    .where('sender', '=', otherSide(options.reader))
    .where('read_at', 'is', null)
    .returning('id')
    .execute();
  return { marked: rows.length };
}
