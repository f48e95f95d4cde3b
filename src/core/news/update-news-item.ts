import type { Db } from '../../db/index.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Actor } from '../actor.ts';
import { recordOperatorChange } from '../audit/record-operator-change.ts';
import { AppError } from '../errors.ts';
import { getNewsItem } from './get-news-item.ts';
import { checkNewsInput, type NewsInput } from './news-input.ts';
import type { NewsItem } from './news-item.ts';

/**
 * Changes the fields given, draft or published (a published item's readers see the correction).
 * A new banner of one kind replaces the other kind.
 */
export async function updateNewsItem({
  db,
  actor,
  publicUrl,
  newsId,
  input,
}: {
  db: Db;
  actor: Actor;
  publicUrl: string;
  newsId: number;
  input: NewsInput;
}): Promise<NewsItem> {
  const columns = await checkNewsInput(db, input, false);
  if (columns.banner_url && input.banner_media_id === undefined) columns.banner_media_id = null;
  if (columns.banner_media_id && input.banner_url === undefined) columns.banner_url = null;
  return inTransaction(db, async (trx) => {
    const found = await trx
      .selectFrom('news_items')
      .select('id')
      .where('id', '=', newsId)
      .forUpdate()
      .executeTakeFirst();
    if (!found) throw AppError.notFound('News item');
    if (Object.keys(columns).length > 0) {
      await trx
        .updateTable('news_items')
        .set({ ...columns, updated_at: new Date() })
        .where('id', '=', newsId)
        .execute();
      await recordOperatorChange(trx, {
        entity: 'news_item',
        id: newsId,
        action: 'updated',
        actor,
        detail: { fields: Object.keys(columns).sort() },
      });
    }
    return getNewsItem({ db: trx, publicUrl, newsId });
  });
}
