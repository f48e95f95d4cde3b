import type { Db } from '../../../db/index.ts';
import { AppError } from '../../errors.ts';
import { type MessageView, messageViews } from './message-view.ts';

/** One message with its files; `affiliateId` scopes it (another affiliate's is not found). Reading it marks nothing read. */
export async function getMessage(options: {
  db: Db;
  id: number;
  affiliateId?: number;
}): Promise<MessageView> {
  let q = options.db.selectFrom('messages').selectAll().where('id', '=', options.id);
  if (options.affiliateId !== undefined) q = q.where('affiliate_id', '=', options.affiliateId);
  const row = await q.executeTakeFirst();
  if (!row) throw AppError.notFound('message');
  const [view] = await messageViews(options.db, [row]);
  return view!;
}
