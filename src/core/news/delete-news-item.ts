import type { Db } from '../../db/index.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Actor } from '../actor.ts';
import { recordOperatorChange } from '../audit/record-operator-change.ts';
import { AppError } from '../errors.ts';

/** Deletes a draft. A published item is unpublished first, so nobody loses a page they are reading by accident. */
export async function deleteNewsItem({
  db,
  actor,
  newsId,
}: {
  db: Db;
  actor: Actor;
  newsId: number;
}): Promise<void> {
  await inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom('news_items')
      .select(['status', 'title'])
      .where('id', '=', newsId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw AppError.notFound('News item');
    if (row.status !== 'draft')
      throw new AppError('invalid_state', 'Only a draft can be deleted: unpublish the news item first', {
        status: row.status,
      });
    await trx.deleteFrom('news_items').where('id', '=', newsId).execute();
    await recordOperatorChange(trx, {
      entity: 'news_item',
      id: newsId,
      action: 'deleted',
      actor,
      detail: { title: row.title },
    });
  });
}
