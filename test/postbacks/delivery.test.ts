import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { seedSecondAffiliate } from '../events/helpers.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import {
  createPostback,
  event,
  log,
  POSTBACK_ENV,
  postEvents,
  type Receiver,
  seedProgram,
  startReceiver,
  uid,
} from './helpers.ts';

let t: TestApp;
let admin: string;
let events: string;
let receiver: Receiver;

beforeAll(async () => {
  t = await createTestApp(POSTBACK_ENV);
  admin = await t.apiKey(['admin']);
  events = await t.apiKey(['events']);
  receiver = await startReceiver();
}, 180_000);
afterAll(async () => {
  await receiver.close();
  await t.close();
});
afterEach(() => {
  vi.useRealTimers();
  receiver.answer(() => ({ status: 200, body: 'ok' }));
});

const SECOND = 1000;
const sent = (marker: string) => receiver.received.filter((r) => r.url.includes(marker));
const sweep = async () => {
  await t.jobs.enqueue(t.db, { name: 'postbacks.sweep', data: {} });
  await t.jobs.runUntilIdle();
};
/** The deliveries of a definition still retrying get their last try now (as if 7 had failed). */
const lastTry = async (definitionId: number) => {
  await t.db
    .updateTable('postback_deliveries')
    .set({ attempts: 7, next_attempt_at: new Date() })
    .where('definition_id', '=', definitionId)
    .where('state', '=', 'pending')
    .execute();
  await sweep();
};
const definitionOf = (id: number) =>
  t.db.selectFrom('postback_definitions').selectAll().where('id', '=', id).executeTakeFirstOrThrow();

describe('success and failure', () => {
  it('counts only a 2xx answer as delivered; a redirect is not followed', async () => {
    const s = await seedProgram(t, admin);
    const tag = uid('codes');
    const def = await createPostback(t, admin, {
      affiliate_id: s.affiliateId,
      scope: 'account',
      trigger: 'registration',
      url: `${receiver.base}/${tag}?e=\${event_id}`,
    });
    receiver.answer((r) =>
      r.url.includes(tag)
        ? { status: 302, headers: { location: `${receiver.base}/${tag}-moved` }, body: 'moved' }
        : { status: 200 },
    );
    await postEvents(t, events, [event(s.brand.id, { type: 'registration', affiliate_id: s.affiliateId })]);
    await t.jobs.runUntilIdle();
    // Only the first request reached the receiver: the Location was never followed.
    expect(sent(tag).map((r) => r.url.split('?')[0])).toEqual([`/${tag}`]);
    const [attempt] = await log(t, admin, `&definition_id=${def.id}`);
    expect(attempt).toMatchObject({
      outcome: 'retry',
      attempt: 1,
      response_code: 302,
      response_body: 'moved',
      error: `redirect to ${receiver.base}/${tag}-moved not followed`,
    });
    expect(new Date(attempt?.next_retry_at).getTime() - new Date(attempt?.attempted_at).getTime()).toBe(
      5 * SECOND,
    );
  });

  it('keeps the first 1 KB of the answer and the response time', async () => {
    const s = await seedProgram(t, admin);
    const tag = uid('body');
    const def = await createPostback(t, admin, {
      affiliate_id: s.affiliateId,
      scope: 'account',
      trigger: 'registration',
      url: `${receiver.base}/${tag}`,
    });
    receiver.answer(() => ({ status: 204, body: '' }));
    receiver.answer(() => ({ status: 201, body: 'x'.repeat(5000) }));
    await postEvents(t, events, [event(s.brand.id, { type: 'registration', affiliate_id: s.affiliateId })]);
    await t.jobs.runUntilIdle();
    const [attempt] = await log(t, admin, `&definition_id=${def.id}`);
    expect(attempt?.outcome).toBe('delivered');
    expect(attempt?.response_code).toBe(201);
    expect(attempt?.response_body).toBe('x'.repeat(1024));
    expect(attempt?.response_ms).toBeGreaterThanOrEqual(0);
    expect(attempt?.next_retry_at).toBeNull();
  });

  it('POSTs the variables as JSON for s2s_post', async () => {
    const s = await seedProgram(t, admin);
    const tag = uid('post');
    await createPostback(t, admin, {
      affiliate_id: s.affiliateId,
      scope: 'account',
      trigger: 'deposit',
      delivery: 's2s_post',
      url: `${receiver.base}/${tag}?a=\${amount}&c={{currency}}`,
    });
    await postEvents(t, events, [
      event(s.brand.id, { type: 'deposit', amount: 12345, currency: 'EUR', affiliate_id: s.affiliateId }),
    ]);
    await t.jobs.runUntilIdle();
    const [request] = sent(tag);
    expect(request?.method).toBe('POST');
    expect(request?.url).toBe(`/${tag}?a=123.45&c=EUR`);
    expect(JSON.parse(request?.body ?? '')).toEqual({ amount: '123.45', currency: 'EUR' });
  });
});

describe('the retry schedule', () => {
  it('tries at once, then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h later, then fails', async () => {
    // A fake clock a day ahead: the retry jobs pg-boss holds are then not due in the database's
    // time, so only the sweeps below, at the moments this test sets, send anything.
    const start = Date.now() + 86_400 * SECOND;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(start);
    const s = await seedProgram(t, admin);
    const tag = uid('retry');
    const def = await createPostback(t, admin, {
      affiliate_id: s.affiliateId,
      scope: 'account',
      trigger: 'registration',
      url: `${receiver.base}/${tag}`,
    });
    receiver.answer(() => ({ status: 500, body: 'down' }));
    await postEvents(t, events, [event(s.brand.id, { type: 'registration', affiliate_id: s.affiliateId })]);
    await t.jobs.runUntilIdle();
    expect(sent(tag)).toHaveLength(1);

    const delays = [5, 300, 1800, 7200, 18_000, 36_000, 36_000];
    let at = start;
    for (const [i, delay] of delays.entries()) {
      // Just before the retry is due, nothing goes out; at its time it does.
      vi.setSystemTime(at + delay * SECOND - 2 * SECOND);
      await sweep();
      expect(sent(tag)).toHaveLength(i + 1);
      const attempts = await log(t, admin, `&definition_id=${def.id}`);
      const due = new Date(attempts[0]?.next_retry_at).getTime();
      vi.setSystemTime(due);
      await sweep();
      expect(sent(tag)).toHaveLength(i + 2);
      at = due;
    }
    const attempts = (await log(t, admin, `&definition_id=${def.id}`)).reverse();
    expect(attempts.map((a) => a.attempt)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(attempts.map((a) => a.outcome)).toEqual([
      'retry',
      'retry',
      'retry',
      'retry',
      'retry',
      'retry',
      'retry',
      'failed',
    ]);
    const gaps = attempts
      .slice(1)
      .map((a, i) =>
        Math.round(
          (new Date(a.attempted_at).getTime() - new Date(attempts[i]?.attempted_at).getTime()) / SECOND,
        ),
      );
    expect(gaps).toEqual(delays);
    expect(attempts[7]?.next_retry_at).toBeNull();
    const delivery = await t.db
      .selectFrom('postback_deliveries')
      .selectAll()
      .where('definition_id', '=', def.id)
      .executeTakeFirstOrThrow();
    expect(delivery).toMatchObject({ state: 'failed', attempts: 8, last_status: 500 });
    // Failed for good: a later sweep sends nothing more.
    vi.setSystemTime(at + 10 * 86_400 * SECOND);
    await sweep();
    expect(sent(tag)).toHaveLength(8);
  }, 180_000);

  it('a receiver down for 10 minutes gets every postback afterwards, each attempt logged', async () => {
    const start = Date.now() + 2 * 86_400 * SECOND;
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(start);
    const s = await seedProgram(t, admin);
    const tag = uid('down');
    const def = await createPostback(t, admin, {
      affiliate_id: s.affiliateId,
      scope: 'account',
      trigger: 'registration',
      url: `${receiver.base}/${tag}?e=\${event_id}`,
    });
    let up = false;
    receiver.answer(() => (up ? { status: 200 } : { status: 503 }));
    const sentEvents = await postEvents(
      t,
      events,
      Array.from({ length: 5 }, () =>
        event(s.brand.id, { type: 'registration', affiliate_id: s.affiliateId }),
      ),
    );
    await t.jobs.runUntilIdle();
    // Down: the first try at once, the second 5 s later, the third waits 5 min (past the outage).
    vi.setSystemTime(start + 5 * SECOND);
    await sweep();
    vi.setSystemTime(start + 10 * 60 * SECOND);
    up = true;
    await sweep();
    const attempts = await log(t, admin, `&definition_id=${def.id}`);
    expect(attempts).toHaveLength(15);
    expect(attempts.filter((a) => a.outcome === 'delivered')).toHaveLength(5);
    expect(attempts.filter((a) => a.outcome === 'delivered').every((a) => a.attempt === 3)).toBe(true);
    const deliveries = await t.db
      .selectFrom('postback_deliveries')
      .select('state')
      .where('definition_id', '=', def.id)
      .execute();
    expect(deliveries.map((d) => d.state)).toEqual([
      'delivered',
      'delivered',
      'delivered',
      'delivered',
      'delivered',
    ]);
    expect(
      new Set(
        sent(tag)
          .filter((_r, i, all) => i >= all.length - 5)
          .map((r) => r.url),
      ),
    ).toEqual(
      new Set(
        sentEvents.map(
          (e) => `/${tag}?e=${encodeURIComponent((e as unknown as { event_id: string }).event_id)}`,
        ),
      ),
    );
  });
});

describe('auto-disable', () => {
  it('turns a definition off after 20 deliveries failed in a row and emails its owner', async () => {
    const s = await seedProgram(t, admin);
    const owner = `${uid('owner')}@example.com`;
    await t.db
      .insertInto('affiliate_users')
      .values({ affiliate_id: s.affiliateId, email: owner, is_owner: true })
      .execute();
    const tag = uid('disable');
    const def = await createPostback(t, admin, {
      affiliate_id: s.affiliateId,
      name: 'My tracker',
      scope: 'account',
      trigger: 'registration',
      url: `${receiver.base}/${tag}`,
    });
    receiver.answer(() => ({ status: 500 }));
    const batch = () =>
      Array.from({ length: 19 }, () =>
        event(s.brand.id, { type: 'registration', affiliate_id: s.affiliateId }),
      );
    await postEvents(t, events, batch());
    await t.jobs.runUntilIdle();
    // Retries to come do not count: only a delivery whose schedule ran out.
    expect(await definitionOf(def.id)).toMatchObject({ status: 'active', consecutive_failures: 0 });
    await lastTry(def.id);
    expect(await definitionOf(def.id)).toMatchObject({ status: 'active', consecutive_failures: 19 });
    // A success resets the count.
    receiver.answer(() => ({ status: 200 }));
    await postEvents(t, events, [event(s.brand.id, { type: 'registration', affiliate_id: s.affiliateId })]);
    await t.jobs.runUntilIdle();
    expect(await definitionOf(def.id)).toMatchObject({ status: 'active', consecutive_failures: 0 });

    receiver.answer(() => ({ status: 500 }));
    await postEvents(t, events, batch());
    await t.jobs.runUntilIdle();
    await lastTry(def.id);
    expect(await definitionOf(def.id)).toMatchObject({ status: 'active', consecutive_failures: 19 });
    await postEvents(t, events, [event(s.brand.id, { type: 'registration', affiliate_id: s.affiliateId })]);
    await t.jobs.runUntilIdle();
    await lastTry(def.id);
    const disabled = await definitionOf(def.id);
    expect(disabled).toMatchObject({
      status: 'inactive',
      consecutive_failures: 20,
      disabled_reason: '20 deliveries failed in a row',
    });
    const mails = await t.db
      .selectFrom('email_messages')
      .selectAll()
      .where('to_address', '=', owner)
      .execute();
    expect(mails).toHaveLength(1);
    expect(mails[0]?.subject).toBe('Your postback "My tracker" was turned off');
    expect(mails[0]?.text_body).toContain('20 deliveries of your postback "My tracker"');

    // Off: a new event makes no delivery.
    const before = sent(tag).length;
    await postEvents(t, events, [event(s.brand.id, { type: 'registration', affiliate_id: s.affiliateId })]);
    await t.jobs.runUntilIdle();
    expect(sent(tag)).toHaveLength(before);
    // Turned on again by its owner: the count and the reason are cleared.
    const on = await t.call(admin, {
      method: 'PATCH',
      url: `/api/v1/postbacks/${def.id}`,
      payload: { status: 'active' },
    });
    expect(on.json()).toMatchObject({
      status: 'active',
      consecutive_failures: 0,
      disabled_at: null,
      disabled_reason: null,
    });
  });
});

describe('isolation', () => {
  it("a slow receiver does not delay another affiliate's deliveries", async () => {
    const s = await seedProgram(t, admin);
    const other = await seedSecondAffiliate(t, admin, s.brand.id, s.link.id);
    const slowTag = uid('slow');
    const fastTag = uid('fast');
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    receiver.answer(async (r) => {
      if (r.url.includes(slowTag)) await held;
      return { status: 200 };
    });
    await createPostback(t, admin, {
      affiliate_id: s.affiliateId,
      scope: 'account',
      trigger: 'registration',
      url: `${receiver.base}/${slowTag}`,
    });
    const fast = await createPostback(t, admin, {
      affiliate_id: other.affiliateId,
      scope: 'account',
      trigger: 'registration',
      url: `${receiver.base}/${fastTag}`,
    });
    await postEvents(t, events, [
      ...Array.from({ length: 12 }, () =>
        event(s.brand.id, { type: 'registration', affiliate_id: s.affiliateId }),
      ),
      event(s.brand.id, { type: 'registration', affiliate_id: other.affiliateId }),
    ]);
    const running = t.jobs.runUntilIdle();
    // The other affiliate's attempt is logged while the slow tracker still holds every request.
    await expect
      .poll(async () => (await log(t, admin, `&definition_id=${fast.id}`)).length, { timeout: 15_000 })
      .toBe(1);
    expect(sent(fastTag)).toHaveLength(1);
    // The slow affiliate has at most its 8 requests in flight; none of them answered yet.
    expect(sent(slowTag).length).toBeLessThanOrEqual(8);
    expect(await log(t, admin, `&affiliate_id=${s.affiliateId}`)).toHaveLength(0);
    release();
    await running;
    expect(sent(slowTag)).toHaveLength(12);
  });
});
