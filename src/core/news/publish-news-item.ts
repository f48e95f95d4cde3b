import type { Db } from '../../db/index.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Actor } from '../actor.ts';
import { recordOperatorChange } from '../audit/record-operator-change.ts';
import { queueEmail } from '../email/email-job.ts';
import { render } from '../email/layout.ts';
import { AppError } from '../errors.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { getNewsItem } from './get-news-item.ts';
import type { NewsItem } from './news-item.ts';

const EXCERPT = 400;

/** The first paragraph of the body, cut at a word, for the email (the portal shows the whole item). */
function excerpt(body: string): string {
  const first = body
    .split(/\n\s*\n/)[0]!
    .replace(/[#*_`>]/g, '')
    .trim();
  if (first.length <= EXCERPT) return first;
  const cut = first.slice(0, EXCERPT);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 0 ? cut.lastIndexOf(' ') : EXCERPT)}…`;
}

/**
 * Publishes a draft: affiliates see it in the portal at once, newest first. The first publication
 * emails every active user of an active affiliate subscribed to news, each email a job in this
 * transaction; publishing again after unpublishing emails no one a second time.
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
      .select(['status', 'notified_at', 'title', 'body', 'brand_id'])
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
    let emailed = 0;
    if (!row.notified_at) emailed = await emailSubscribers(jobs, trx, publicUrl, { id: newsId, ...row });
    await recordOperatorChange(trx, {
      entity: 'news_item',
      id: newsId,
      action: 'published',
      actor,
      detail: { emailed },
    });
    return getNewsItem({ db: trx, publicUrl, newsId });
  });
}

async function emailSubscribers(
  jobs: JobQueue,
  trx: Db,
  publicUrl: string,
  item: { id: number; title: string; body: string },
): Promise<number> {
  const users = await trx
    .selectFrom('affiliate_users as u')
    .innerJoin('affiliates as a', 'a.id', 'u.affiliate_id')
    .select(['u.email', 'u.first_name'])
    .where('u.status', '=', 'active')
    .where('a.status', '=', 'active')
    .where((eb) => eb(eb.val('news'), '=', eb.fn.any('u.email_subscriptions')))
    .orderBy('u.id')
    .execute();
  for (const user of users) {
    const message = render({
      subject: item.title,
      greeting: user.first_name ? `Hello ${user.first_name},` : 'Hello,',
      paragraphs: [excerpt(item.body)],
      action: { label: 'Read it in the portal', url: `${publicUrl}/portal/news/${item.id}` },
      footer: 'You receive news because you subscribed to it; change this in your profile in the portal.',
    });
    await queueEmail(jobs, trx, { template: 'news_published', to: user.email, ...message });
  }
  return users.length;
}
