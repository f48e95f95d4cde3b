import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fanOutNews } from '../../src/core/news/fan-out-news.ts';
import {
  approvedPartner,
  createIdentityApp,
  type IdentityTestApp,
  type Partner,
} from '../identity/helpers.ts';

// Publishing news enqueues one fan-out job in its transaction; the job queues one email per
// subscribed user, in batches, and never a second one to the same user.
let t: IdentityTestApp;
let subscribers: Partner[];
let unsubscribed: Partner;
let unique = 0;
const label = (s: string) => `${s} ${process.pid}-${++unique}`;

const op = (method: 'POST', url: string, payload?: object) =>
  t.call(t.admin, { method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });

/** Emails of the item (by its unique title) in the outbox, per address. */
async function outbox(title: string): Promise<Record<string, number>> {
  const rows = await t.db
    .selectFrom('email_messages')
    .select('to_address')
    .where('template', '=', 'news_published')
    .where('subject', '=', title)
    .execute();
  const counts: Record<string, number> = {};
  for (const r of rows) counts[r.to_address] = (counts[r.to_address] ?? 0) + 1;
  return counts;
}

/** Waiting jobs of a type whose payload has `key` = `value`. */
async function waiting(name: string, key: string, value: string | number): Promise<number> {
  const { rows } = await sql<{ n: string }>`
    select count(*) as n from pgboss.job
    where name = ${name} and state = 'created' and data ->> ${key} = ${String(value)}`.execute(t.db);
  return Number(rows[0]!.n);
}

async function publish(): Promise<{ id: number; title: string }> {
  const title = label('Fan-out');
  const item = (await op('POST', '/news', { title, body: 'Bigger bonuses.' })).json();
  const res = await op('POST', `/news/${item.id}/publish`);
  expect(res.statusCode, res.body).toBe(200);
  return { id: item.id, title };
}

beforeAll(async () => {
  t = await createIdentityApp();
  subscribers = [];
  for (const name of ['fana', 'fanb', 'fanc']) subscribers.push(await approvedPartner(t, name));
  unsubscribed = await approvedPartner(t, 'fanoff');
  const off = await t.as(unsubscribed.cookie, {
    method: 'PATCH',
    url: '/api/partner/v1/profile',
    payload: { email_subscriptions: ['payments'] },
  });
  expect(off.statusCode, off.body).toBe(200);
  await t.jobs.runUntilIdle();
}, 120_000);
afterAll(() => t.close());

describe('news fan-out', () => {
  it('publishing enqueues one fan-out job and no email; running it emails each subscriber once', async () => {
    const item = await publish();
    // In the publishing transaction: one job for the item, no email yet.
    expect(await waiting('news.fan-out', 'news_id', item.id)).toBe(1);
    expect(await waiting('email.send', 'subject', item.title)).toBe(0);

    await t.jobs.runUntilIdle();
    const sent = await outbox(item.title);
    for (const s of subscribers) expect(sent[s.email], s.email).toBe(1);
    expect(sent[unsubscribed.email]).toBeUndefined();
    const recorded = await t.db
      .selectFrom('news_email_deliveries')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('news_item_id', '=', item.id)
      .executeTakeFirstOrThrow();
    // One delivery per email queued: every address in the outbox once.
    expect(Number(recorded.n)).toBe(Object.keys(sent).length);

    // The fan-out run again, as a job and directly: nobody gets a second email.
    await t.jobs.enqueue(t.db, { name: 'news.fan-out', data: { news_id: item.id } });
    await t.jobs.runUntilIdle();
    expect(await fanOutNews({ db: t.db, jobs: t.jobs, publicUrl: 'http://x', newsId: item.id })).toBe(0);
    await t.jobs.runUntilIdle();
    expect(await outbox(item.title)).toEqual(sent);
  });

  it('queues in batches, and a run after a part-way one reaches only those left', async () => {
    const item = await publish();
    // The job the publication enqueued is left waiting: this test runs the fan-out itself.
    const [first] = subscribers;
    // An earlier run reached the first subscriber before it stopped.
    const firstUser = await t.db
      .selectFrom('affiliate_users')
      .select('id')
      .where('email', '=', first!.email)
      .executeTakeFirstOrThrow();
    await t.db
      .insertInto('news_email_deliveries')
      .values({ news_item_id: item.id, affiliate_user_id: firstUser.id })
      .execute();

    const queued = await fanOutNews({
      db: t.db,
      jobs: t.jobs,
      publicUrl: 'http://x',
      newsId: item.id,
      batchSize: 1,
    });
    await t.jobs.runUntilIdle();
    const sent = await outbox(item.title);
    expect(sent[first!.email]).toBeUndefined();
    for (const s of subscribers.slice(1)) expect(sent[s.email], s.email).toBe(1);
    expect(sent[unsubscribed.email]).toBeUndefined();
    // This run's count is what reached the outbox (the waiting job found everyone reached).
    expect(queued).toBe(Object.keys(sent).length);
  });

  it('emails no one for an item unpublished before its fan-out ran, and fans out when published again', async () => {
    const title = label('Withdrawn');
    const item = (await op('POST', '/news', { title, body: 'Soon.' })).json();
    expect((await op('POST', `/news/${item.id}/publish`)).statusCode).toBe(200);
    expect((await op('POST', `/news/${item.id}/unpublish`)).statusCode).toBe(200);
    await t.jobs.runUntilIdle();
    expect(await outbox(title)).toEqual({});

    expect((await op('POST', `/news/${item.id}/publish`)).statusCode).toBe(200);
    await t.jobs.runUntilIdle();
    const sent = await outbox(title);
    for (const s of subscribers) expect(sent[s.email], s.email).toBe(1);
  });
});
