import type { Db } from '../../db/index.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Actor } from '../actor.ts';
import { recordOperatorChange } from '../audit/record-operator-change.ts';
import { AppError } from '../errors.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { newsFanOutJob } from './fan-out-news.ts';
import { getNewsItem } from './get-news-item.ts';
import type { NewsItem } from './news-item.ts';

/**
 * Publishes a draft: affiliates see it in the portal at once, newest first. The first publication
 * enqueues, in this transaction, one fan-out job that emails every active user of an active
 * affiliate subscribed to news (fanOutNews); publishing again after unpublishing emails no one a
 * second time.
 */
export async function publishNewsItem({
  db,
  jobs,
  actor,
  publicUrl,
  newsId,
}: {
  db: Db;
  jobs: JobQueue;
  actor: Actor;
  publicUrl: string;
  newsId: number;
}): Promise<NewsItem> {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom('news_items')
      .select(['status', 'notified_at'])
      .where('id', '=', newsId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw AppError.notFound('News item');
    if (row.status === 'published')
      throw new AppError('invalid_state', 'The news item is already published', { status: row.status });
    const now = new Date();
    await trx
      .updateTable('news_items')
      .set({ status: 'published', published_at: now, updated_at: now, notified_at: row.notified_at ?? now })
      .where('id', '=', newsId)
      .execute();
    const notify = !row.notified_at;
    if (notify) await jobs.enqueue(trx, { name: newsFanOutJob.name, data: { news_id: newsId } });
    await recordOperatorChange(trx, {
      entity: 'news_item',
      id: newsId,
      action: 'published',
      actor,
      detail: { notify_subscribers: notify },
    });
    return getNewsItem({ db: trx, publicUrl, newsId });
  });
}
