import { Type } from 'typebox';
import type { Db } from '../../db/index.ts';
import { inTransaction } from '../../db/transaction.ts';
import { queueEmail } from '../email/email-job.ts';
import { render } from '../email/layout.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { defineJob } from '../jobs/job-type.ts';

const EXCERPT = 400;
const BATCH = 200;

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
 * Queues the news item's email to every active user of an active affiliate subscribed to news,
 * `batchSize` users per transaction. A user is recorded in `news_email_deliveries` in the
 * transaction that queues their email, so running it again (a retry after a crash part-way, a
 * second job) queues only those not reached yet. An item unpublished meanwhile emails no one
 * now and is marked not notified, so publishing it again fans out to those not reached.
 * Returns how many emails this run queued.
 */
export async function fanOutNews({
  db,
  jobs,
  publicUrl,
  newsId,
  batchSize = BATCH,
}: {
  db: Db;
  jobs: JobQueue;
  publicUrl: string;
  newsId: number;
  batchSize?: number;
}): Promise<number> {
  const item = await db
    .selectFrom('news_items')
    .select(['id', 'title', 'body'])
    .where('id', '=', newsId)
    .where('status', '=', 'published')
    .executeTakeFirst();
  if (!item) {
    await db
      .updateTable('news_items')
      .set({ notified_at: null })
      .where('id', '=', newsId)
      .where('status', '=', 'draft')
      .execute();
    return 0;
  }
  const paragraphs = [excerpt(item.body)];
  const action = { label: 'Read it in the portal', url: `${publicUrl}/portal/news/${item.id}` };
  let queued = 0;
  let after = 0;
  for (;;) {
    const batch = await inTransaction(db, async (trx) => {
      const users = await trx
        .selectFrom('affiliate_users as u')
        .innerJoin('affiliates as a', 'a.id', 'u.affiliate_id')
        .select(['u.id', 'u.email', 'u.first_name'])
        .where('u.id', '>', after)
        .where('u.status', '=', 'active')
        .where('a.status', '=', 'active')
        .where((eb) => eb(eb.val('news'), '=', eb.fn.any('u.email_subscriptions')))
        .orderBy('u.id')
        .limit(batchSize)
        .execute();
      if (users.length === 0) return { last: null, queued: 0 };
      // Only the users this run claims: one already recorded was queued by an earlier run.
      const claimed = await trx
        .insertInto('news_email_deliveries')
        .values(users.map((u) => ({ news_item_id: item.id, affiliate_user_id: u.id })))
        .onConflict((oc) => oc.doNothing())
        .returning('affiliate_user_id')
        .execute();
      const fresh = new Set(claimed.map((c) => c.affiliate_user_id));
      for (const user of users) {
        if (!fresh.has(user.id)) continue;
        const message = render({
          subject: item.title,
          greeting: user.first_name ? `Hello ${user.first_name},` : 'Hello,',
          paragraphs,
          action,
          footer: 'You receive news because you subscribed to it; change this in your profile in the portal.',
        });
        await queueEmail(jobs, trx, { template: 'news_published', to: user.email, ...message });
      }
      return { last: users.at(-1)!.id, queued: fresh.size };
    });
    queued += batch.queued;
    if (batch.last === null) return queued;
    after = batch.last;
  }
}

/**
 * The fan-out of a news item's first publication, enqueued in the publishing transaction: one job
 * however many subscribers, which queues their emails in batches when it runs.
 */
export const newsFanOutJob = defineJob({
  name: 'news.fan-out',
  payload: Type.Object({ news_id: Type.Integer({ minimum: 1 }) }, { additionalProperties: false }),
  retry: { limit: 5, delaySeconds: 30, backoff: true, maxDelaySeconds: 900 },
  timeoutSeconds: 900,
  singletonKey: (data) => String(data.news_id),
  summarize: (data) => `news item ${data.news_id}`,
  async run(data, { db, jobs, config }) {
    await fanOutNews({ db, jobs, publicUrl: config.publicUrl, newsId: data.news_id });
  },
});
