import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ThreadSender } from '../../src/core/postbacks/sender.ts';
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

// Postbacks go out from a worker thread of their own (POSTBACKS_SENDER_THREAD, on by default):
// the claims and the log stay with the job, so every attempt is recorded as before.

let t: TestApp;
let admin: string;
let events: string;
let receiver: Receiver;

beforeAll(async () => {
  t = await createTestApp({
    ...POSTBACK_ENV,
    POSTBACKS_SENDER_THREAD: 'true',
    POSTBACKS_AFFILIATE_CONCURRENCY: '2',
  });
  admin = await t.apiKey(['admin']);
  events = await t.apiKey(['events']);
  receiver = await startReceiver();
}, 180_000);
afterAll(async () => {
  await receiver.close();
  await t.close();
});

const sent = (marker: string) => receiver.received.filter((r) => r.url.includes(marker));

describe('the sending thread', () => {
  it("records every attempt, each affiliate's requests bounded by its slots", async () => {
    const s = await seedProgram(t, admin);
    const other = await seedSecondAffiliate(t, admin, s.brand.id, s.link.id);
    const tag = uid('thread');
    // Answers come 20 ms late, so requests overlap and the slots are what bounds them.
    const inFlight = new Map<string, number>();
    let most = 0;
    receiver.answer(async (r) => {
      if (!r.url.includes(tag)) return { status: 200 };
      const affiliate = new URL(r.url, receiver.base).searchParams.get('a') ?? '';
      const now = (inFlight.get(affiliate) ?? 0) + 1;
      inFlight.set(affiliate, now);
      most = Math.max(most, now);
      await new Promise((resolve) => setTimeout(resolve, 20));
      inFlight.set(affiliate, (inFlight.get(affiliate) ?? 1) - 1);
      return { status: 200, body: `ok ${r.url}` };
    });
    const definitions = [];
    for (const affiliateId of [s.affiliateId, other.affiliateId])
      definitions.push(
        await createPostback(t, admin, {
          affiliate_id: affiliateId,
          scope: 'account',
          trigger: 'registration',
          url: `${receiver.base}/${tag}?a=\${affiliate_id}&e=\${event_id}`,
        }),
      );
    const before = Date.now();
    const posted = await postEvents(t, events, [
      ...Array.from({ length: 10 }, () =>
        event(s.brand.id, { type: 'registration', affiliate_id: s.affiliateId }),
      ),
      ...Array.from({ length: 10 }, () =>
        event(s.brand.id, { type: 'registration', affiliate_id: other.affiliateId }),
      ),
    ]);
    await t.jobs.runUntilIdle();
    const after = Date.now();

    expect(sent(tag)).toHaveLength(20);
    // POSTBACKS_AFFILIATE_CONCURRENCY=2: never more than 2 of one affiliate's requests at once.
    expect(most).toBe(2);
    const attempts = [];
    for (const d of definitions) attempts.push(...(await log(t, admin, `&definition_id=${d.id}`)));
    expect(attempts).toHaveLength(20);
    for (const a of attempts) {
      expect(a).toMatchObject({ attempt: 1, outcome: 'delivered', response_code: 200, next_retry_at: null });
      // The thread's answer as the tracker gave it, and the time the request went out.
      expect(a.response_body).toBe(`ok ${new URL(a.url).pathname}${new URL(a.url).search}`);
      const at = new Date(a.attempted_at).getTime();
      expect(at).toBeGreaterThanOrEqual(before);
      expect(at).toBeLessThanOrEqual(after);
      expect(a.response_ms).toBeGreaterThanOrEqual(15);
    }
    expect(new Set(attempts.map((a) => a.delivery_id)).size).toBe(posted.length);
  });

  it('sends a retry when its job is due, without waiting for the sweep', async () => {
    const s = await seedProgram(t, admin);
    const tag = uid('due');
    let calls = 0;
    receiver.answer((r) => {
      if (!r.url.includes(tag)) return { status: 200 };
      calls++;
      return calls === 1 ? { status: 500, body: 'not yet' } : { status: 200, body: 'ok' };
    });
    const def = await createPostback(t, admin, {
      affiliate_id: s.affiliateId,
      scope: 'account',
      trigger: 'registration',
      url: `${receiver.base}/${tag}`,
    });
    await postEvents(t, events, [event(s.brand.id, { type: 'registration', affiliate_id: s.affiliateId })]);
    await t.jobs.runUntilIdle();
    expect(sent(tag)).toHaveLength(1);
    const [first] = await log(t, admin, `&definition_id=${def.id}`);
    expect(first).toMatchObject({ outcome: 'retry', response_code: 500 });

    // The retry's job runs the moment it is due (polled every 50 ms): it must find its delivery
    // due then too. A job due at the start of the delivery's second found it not yet due.
    const until = Date.now() + 15_000;
    while (Date.now() < until && (await t.jobs.runUntilIdle()) === 0)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(sent(tag)).toHaveLength(2);
    const attempts = (await log(t, admin, `&definition_id=${def.id}`)).reverse();
    expect(attempts.map((a) => [a.attempt, a.outcome])).toEqual([
      [1, 'retry'],
      [2, 'delivered'],
    ]);
    expect(new Date(attempts[1]?.attempted_at).getTime()).toBeGreaterThanOrEqual(
      new Date(first?.next_retry_at).getTime(),
    );
  }, 30_000);

  it('a thread stopped mid-send rejects what it held; the next send starts another', async () => {
    const sender = new ThreadSender();
    const tag = uid('stop');
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    receiver.answer(async (r) => {
      if (r.url.includes(tag)) await held;
      return { status: 200, body: 'late' };
    });
    const target = { method: 'GET' as const, url: `${receiver.base}/${tag}`, body: null };
    const out = sender.send(1, 2, [target], true);
    await expect.poll(() => sent(tag).length, { timeout: 15_000 }).toBe(1);
    const refused = expect(out).rejects.toThrow('the postback sender was closed');
    await sender.close();
    await refused;
    release();
    receiver.answer(() => ({ status: 204 }));
    const [again] = await sender.send(1, 2, [target], true);
    expect(again).toMatchObject({ ok: true, status: 204, error: null });
    await sender.close();
  }, 30_000);
});
