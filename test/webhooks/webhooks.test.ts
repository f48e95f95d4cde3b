import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { POSTBACK_ENV, type Receiver, startReceiver, uid } from '../postbacks/helpers.ts';
import { createTestApp, type TestApp } from '../support/test-app.ts';

let t: TestApp;
let admin: string;
let receiver: Receiver;

beforeAll(async () => {
  t = await createTestApp(POSTBACK_ENV);
  admin = await t.apiKey(['admin']);
  receiver = await startReceiver();
}, 180_000);
afterAll(async () => {
  await receiver.close();
  await t.close();
});
afterEach(() => receiver.answer(() => ({ status: 200, body: 'ok' })));

const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object) =>
  t.call(admin, { method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });
const sweep = async () => {
  await t.jobs.enqueue(t.db, { name: 'webhooks.sweep', data: {} });
  await t.jobs.runUntilIdle();
};
const at = (tag: string) => receiver.received.filter((r) => r.url === `/${tag}`);

async function endpoint(eventTypes: string[]) {
  const tag = uid('hook');
  const res = await api('POST', '/webhooks', { url: `${receiver.base}/${tag}`, event_types: eventTypes });
  expect(res.statusCode, res.body).toBe(201);
  return { tag, ...(res.json() as { id: number; secret: string }) };
}

async function createAffiliate(name: string) {
  const res = await api('POST', '/affiliates', { name });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as number;
}

describe('operator webhooks', () => {
  it('sign each platform event as Standard Webhooks, verified by the standardwebhooks verifier', async () => {
    const hook = await endpoint(['affiliate.created', 'affiliate.approved']);
    expect(hook.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{32}$/);
    const name = uid('Hooked');
    const id = await createAffiliate(name);
    const approved = await api('PATCH', `/affiliates/${id}`, { status: 'active' });
    expect(approved.statusCode, approved.body).toBe(200);
    await sweep();
    const messages = at(hook.tag).map((r) => {
      expect(r.method).toBe('POST');
      expect(r.headers['content-type']).toBe('application/json');
      return new Webhook(hook.secret).verify(r.body, r.headers) as Record<string, any>;
    });
    // Sent side by side: no order between messages (a receiver orders by the body's timestamp).
    expect(messages.map((m) => [m.type, m.data.id, m.data.name]).sort()).toEqual([
      ['affiliate.approved', id, name],
      ['affiliate.created', id, name],
    ]);
    // Another secret does not verify them.
    const other = new Webhook(`whsec_${Buffer.alloc(24, 7).toString('base64')}`);
    expect(() => other.verify(at(hook.tag)[0]!.body, at(hook.tag)[0]!.headers)).toThrow();
    // Subscribed to other events only: nothing for this endpoint.
    const quiet = await endpoint(['bill.approved']);
    await createAffiliate(uid('Unheard'));
    await sweep();
    expect(at(quiet.tag)).toEqual([]);
  });

  it('rotate the secret: the old one still signs during its grace period, then no more', async () => {
    const hook = await endpoint(['affiliate.created']);
    const rotated = await api('POST', `/webhooks/${hook.id}/rotate-secret`, { grace_hours: 24 });
    expect(rotated.statusCode, rotated.body).toBe(200);
    const { secret, previous_secret_until } = rotated.json();
    expect(secret).not.toBe(hook.secret);
    expect(new Date(previous_secret_until).getTime()).toBeGreaterThan(Date.now() + 23 * 3_600_000);
    const test = await api('POST', `/webhooks/${hook.id}/test`);
    expect(test.statusCode, test.body).toBe(200);
    expect(test.json()).toMatchObject({ outcome: 'delivered', test: true, event_type: 'webhook.test' });
    const [during] = at(hook.tag);
    // Two signatures, space-separated: one per secret in force; each secret verifies the message.
    expect(during!.headers['webhook-signature']!.split(' ')).toHaveLength(2);
    expect(new Webhook(secret).verify(during!.body, during!.headers)).toMatchObject({ type: 'webhook.test' });
    expect(new Webhook(hook.secret).verify(during!.body, during!.headers)).toBeTruthy();

    const again = (await api('POST', `/webhooks/${hook.id}/rotate-secret`, { grace_hours: 0 })).json();
    await api('POST', `/webhooks/${hook.id}/test`);
    const after = at(hook.tag)[1]!;
    expect(after.headers['webhook-signature']!.split(' ')).toHaveLength(1);
    expect(new Webhook(again.secret).verify(after.body, after.headers)).toBeTruthy();
    expect(() => new Webhook(secret).verify(after.body, after.headers)).toThrow();
    expect(() => new Webhook(hook.secret).verify(after.body, after.headers)).toThrow();
    const bad = await api('POST', `/webhooks/${hook.id}/rotate-secret`, { grace_hours: 1000 });
    expect(bad.statusCode).toBe(422);
  });

  it('retry on the schedule with the same webhook-id, log each attempt, and replay a failure', async () => {
    const hook = await endpoint(['affiliate.created']);
    receiver.answer((r) => (r.url === `/${hook.tag}` ? { status: 503, body: 'down' } : { status: 200 }));
    const id = await createAffiliate(uid('Retried'));
    await sweep();
    const log = async () =>
      (await api('GET', `/webhooks/log?endpoint_id=${hook.id}`)).json().data as Record<string, any>[];
    const [first] = await log();
    expect(first).toMatchObject({ attempt: 1, outcome: 'retry', response_code: 503, response_body: 'down' });
    // The schedule: 5 s after the first failure.
    expect(new Date(first!.next_retry_at).getTime() - new Date(first!.attempted_at).getTime()).toBe(5000);
    // Its last try is due now (as if the 7 earlier ones had failed): it fails for good.
    await t.db
      .updateTable('webhook_deliveries')
      .set({ attempts: 7, next_attempt_at: new Date() })
      .where('endpoint_id', '=', hook.id)
      .execute();
    await sweep();
    const [last] = await log();
    expect(last).toMatchObject({ attempt: 8, outcome: 'failed', next_retry_at: null });
    // Nothing more is sent by the sweep.
    await sweep();
    expect(at(hook.tag)).toHaveLength(2);

    // The receiver is back: the failure is replayed once, with the same message id.
    receiver.answer(() => ({ status: 200 }));
    const replayed = await api('POST', `/webhooks/${hook.id}/replay`, {});
    expect(replayed.statusCode, replayed.body).toBe(202);
    expect(replayed.json()).toEqual({ queued: 1 });
    await t.jobs.runUntilIdle();
    const [done] = await log();
    expect(done).toMatchObject({ attempt: 9, outcome: 'delivered', response_code: 200 });
    const ids = new Set(at(hook.tag).map((r) => r.headers['webhook-id']));
    expect(ids.size).toBe(1);
    const message = new Webhook(hook.secret).verify(at(hook.tag)[2]!.body, at(hook.tag)[2]!.headers);
    expect(message).toMatchObject({ type: 'affiliate.created', data: { id } });
    // A delivered one is not replayed (409); nothing new is sent.
    const again = await api('POST', `/webhooks/deliveries/${done!.delivery_id}/replay`);
    expect(again.statusCode).toBe(409);
    await t.jobs.runUntilIdle();
    expect(at(hook.tag)).toHaveLength(3);
  });

  it('are managed through the API: list, change, refuse bad input at once, delete', async () => {
    const hook = await endpoint(['cash_out.requested']);
    const bad = await api('POST', '/webhooks', { url: 'ftp://x', event_types: [] });
    expect(bad.statusCode).toBe(422);
    const before = (await api('GET', '/webhooks?page_size=100')).json();
    expect(before.data.some((e: { id: number }) => e.id === hook.id)).toBe(true);
    expect(before.data[0]).not.toHaveProperty('secret');
    const changed = await api('PATCH', `/webhooks/${hook.id}`, {
      event_types: ['cash_out.changed'],
      description: 'Finance',
    });
    expect(changed.json()).toMatchObject({ event_types: ['cash_out.changed'], description: 'Finance' });
    const wrong = await api('PATCH', `/webhooks/${hook.id}`, { url: 'not a url' });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual(['url']);
    expect((await api('GET', `/webhooks/${hook.id}`)).json().description).toBe('Finance');
    expect((await api('DELETE', `/webhooks/${hook.id}`)).statusCode).toBe(204);
    expect((await api('GET', `/webhooks/${hook.id}`)).statusCode).toBe(404);
    const manager = await t.apiKey(['read', 'write']);
    expect((await t.call(manager, { method: 'GET', url: '/api/v1/webhooks' })).statusCode).toBe(403);
  });
});
