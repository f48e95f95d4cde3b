import type { Db } from '../../../db/index.ts';
import { managedAffiliateIds } from '../../auth/managed-affiliates.ts';
import { type MessageSender, otherSide } from './message-view.ts';

/**
 * How many messages `reader` has not read: the affiliate's from the operator (`affiliateId`), or
 * the operator's from affiliates (all, one affiliate's, or a limited manager's).
 */
export async function countUnreadMessages(options: {
  db: Db;
  reader: MessageSender;
  affiliateId?: number;
  managerId?: number;
}): Promise<number> {
  let q = options.db
    .selectFrom('messages')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('sender', '=', otherSide(options.reader))
    .where('read_at', 'is', null);
  if (options.affiliateId !== undefined) q = q.where('affiliate_id', '=', options.affiliateId);
  if (options.managerId !== undefined)
    q = q.where('affiliate_id', 'in', managedAffiliateIds(options.db, options.managerId));
  return Number((await q.executeTakeFirstOrThrow()).n);
}
