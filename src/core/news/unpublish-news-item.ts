import type { Db } from '../../db/index.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Actor } from '../actor.ts';
import { recordOperatorChange } from '../audit/record-operator-change.ts';
import { AppError } from '../errors.ts';
import { getNewsItem } from './get-news-item.ts';
import type { NewsItem } from './news-item.ts';

/** Takes a published item back to a draft: affiliates no longer see it. */
export async function unpublishNewsItem({
  db,
  actor,
  publicUrl,
  newsId,
}: {
  db: Db;
  actor: Actor;
  publicUrl: string;
  newsId: number;
}): Promise<NewsItem> {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom('news_items')
      .select('status')
      .where('id', '=', newsId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw AppError.notFound('News item');
    if (row.status !== 'published')
      throw new AppError('invalid_state', 'Only a published news item can be unpublished', {
        status: row.status,
      });
    await trx
      .updateTable('news_items')
      .set({ status: 'draft', published_at: null, updated_at: new Date() })
      .where('id', '=', newsId)
      .execute();
    await recordOperatorChange(trx, { entity: 'news_item', id: newsId, action: 'unpublished', actor });
    return getNewsItem({ db: trx, publicUrl, newsId });
  });
}
