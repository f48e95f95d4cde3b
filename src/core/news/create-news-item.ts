import type { Db } from '../../db/index.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Actor } from '../actor.ts';
import { recordOperatorChange } from '../audit/record-operator-change.ts';
import { getNewsItem } from './get-news-item.ts';
import { checkNewsInput, type NewsInput } from './news-input.ts';
import type { NewsItem } from './news-item.ts';

/** A new news item, a draft until published: affiliates see nothing of it yet. */
export async function createNewsItem({
  db,
  actor,
  publicUrl,
  input,
}: {
  db: Db;
  actor: Actor;
  publicUrl: string;
  input: NewsInput;
}): Promise<NewsItem> {
  const columns = await checkNewsInput(db, input, true);
  return inTransaction(db, async (trx) => {
    const { id } = await trx
      .insertInto('news_items')
      .values({ title: columns.title!, body: columns.body!, ...columns })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordOperatorChange(trx, {
      entity: 'news_item',
      id,
      action: 'created',
      actor,
      detail: { title: columns.title, brand_id: columns.brand_id ?? null },
    });
    return getNewsItem({ db: trx, publicUrl, newsId: id });
  });
}
