import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/test-app.ts';
import {
  createPostback,
  event,
  log,
  postEvents,
  type Receiver,
  seedProgram,
  startReceiver,
  uid,
} from './helpers.ts';

// Without POSTBACKS_ALLOW_PRIVATE: private, loopback and link-local targets are refused.
let t: TestApp;
let admin: string;
let events: string;
let receiver: Receiver;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.apiKey(['admin']);
  events = await t.apiKey(['events']);
  receiver = await startReceiver();
}, 180_000);
afterAll(async () => {
  await receiver.close();
  await t.close();
});

describe('SSRF', () => {
  it('refuses loopback, private and link-local addresses at connection time', async () => {
    const s = await seedProgram(t, admin);
    const tag = uid('ssrf');
    const targets = [
      `${receiver.base}/${tag}`,
      `http://localhost:${receiver.port}/${tag}`,
      `http://10.1.2.3/${tag}`,
      `http://192.168.0.1/${tag}`,
      `http://169.254.169.254/${tag}`,
    ];
    const ids = [];
    for (const url of targets)
      ids.push(
        (
          await createPostback(t, admin, {
            affiliate_id: s.affiliateId,
            scope: 'account',
            trigger: 'registration',
            url,
          })
        ).id,
      );
    await postEvents(t, events, [event(s.brand.id, { type: 'registration', affiliate_id: s.affiliateId })]);
    await t.jobs.runUntilIdle();
    expect(receiver.received).toHaveLength(0);
    const attempts = (await log(t, admin, `&affiliate_id=${s.affiliateId}`)).filter((a) =>
      a.url.includes(tag),
    );
    expect(attempts).toHaveLength(targets.length);
    for (const a of attempts) {
      expect(a.outcome).toBe('retry');
      expect(a.response_code).toBeNull();
      expect(a.error).toMatch(/not allowed|private|meta/i);
    }
  });
});
