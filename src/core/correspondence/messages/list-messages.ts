import type { Db } from '../../../db/index.ts';
import { managedAffiliateIds } from '../../auth/managed-affiliates.ts';
import { type MessageSender, type MessageView, messageViews } from './message-view.ts';

export interface MessageFilter {
  affiliateId?: number;
  sender?: MessageSender;
  /** Only the ones the other side has not read yet. */
  unread?: boolean;
  managerId?: number;
}

/** Messages newest first, with their files and the total for paging. */
export async function listMessages(options: {
  db: Db;
  filter: MessageFilter;
  limit: number;
  offset: number;
}): Promise<{ data: MessageView[]; total: number }> {
  const f = options.filter;
  let q = options.db.selectFrom('messages');
  if (f.affiliateId !== undefined) q = q.where('affiliate_id', '=', f.affiliateId);
  if (f.sender) q = q.where('sender', '=', f.sender);
  if (f.unread) q = q.where('read_at', 'is', null);
  if (f.managerId !== undefined)
    q = q.where('affiliate_id', 'in', managedAffiliateIds(options.db, f.managerId));
  const [rows, count] = await Promise.all([
    q.selectAll().orderBy('id', 'desc').limit(options.limit).offset(options.offset).execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { data: await messageViews(options.db, rows), total: Number(count.n) };
}
