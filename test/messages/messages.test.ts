import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  approvedPartner,
  createIdentityApp,
  type IdentityTestApp,
  type Partner,
} from '../identity/helpers.ts';

let t: IdentityTestApp;
let a: Partner;
let b: Partner;
const PDF = Buffer.from('%PDF-1.4\n% contract\n');

const op = (method: 'GET' | 'POST', url: string, payload?: object) =>
  t.call(t.admin, { method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });
const portal = (who: Partner, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.as(who.cookie, { method, url: `/api/partner/v1${url}`, ...(payload ? { payload } : {}) });
const unread = async (who: Partner) => (await portal(who, 'GET', '/messages/unread-count')).json().unread;
const operatorUnread = async (affiliateId: number) =>
  (await op('GET', `/messages/unread-count?affiliate_id=${affiliateId}`)).json().unread;

beforeAll(async () => {
  t = await createIdentityApp();
  a = await approvedPartner(t, 'msga');
  b = await approvedPartner(t, 'msgb');
});
afterAll(async () => {
  await t.close();
});

describe('messages', () => {
  it('carries a thread both ways with files, emails and unread counts going up and down', async () => {
    // B's count is only read to see it did not move: another test may write to B first.
    const bUnread = await unread(b);
    const sent = await op('POST', `/affiliates/${a.affiliateId}/messages`, {
      subject: 'Welcome',
      body: 'Here is the contract',
      files: [{ file_name: 'contract.pdf', content_base64: PDF.toString('base64') }],
    });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json()).toMatchObject({
      affiliate_id: a.affiliateId,
      sender: 'operator',
      subject: 'Welcome',
      read_at: null,
      files: [{ file_name: 'contract.pdf', content_type: 'application/pdf', size_bytes: PDF.length }],
    });
    const email = await t.lastEmail(a.email, 'message_received');
    expect(email.subject).toBe('New message: Welcome');
    expect(email.text).toContain('Here is the contract');
    expect(await unread(a)).toBe(1);
    expect(await unread(b)).toBe(bUnread);
    const file = await t.as(a.cookie, {
      url: `/api/partner/v1/correspondence-files/${sent.json().files[0].id}`,
    });
    expect(file.rawPayload.equals(PDF)).toBe(true);

    const read = await portal(a, 'POST', `/messages/${sent.json().id}/read`, {});
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().read_by).toBe(a.email);
    expect(await unread(a)).toBe(0);
    // Unread again, then the whole thread read at once.
    await portal(a, 'POST', `/messages/${sent.json().id}/read`, { read: false });
    expect(await unread(a)).toBe(1);
    expect((await portal(a, 'POST', '/messages/read')).json()).toEqual({ marked: 1 });
    expect(await unread(a)).toBe(0);

    const reply = await portal(a, 'POST', '/messages', { subject: 'Re: Welcome', body: 'Signed, thanks' });
    expect(reply.statusCode, reply.body).toBe(201);
    expect(reply.json()).toMatchObject({ sender: 'affiliate', sender_name: a.email });
    expect(await operatorUnread(a.affiliateId)).toBe(1);
    // The affiliate cannot mark its own message read for the operator.
    const own = await portal(a, 'POST', `/messages/${reply.json().id}/read`, {});
    expect(own.statusCode).toBe(422);
    expect(await operatorUnread(a.affiliateId)).toBe(1);
    const inbox = (
      await op('GET', `/messages?sender=affiliate&unread=true&affiliate_id=${a.affiliateId}`)
    ).json();
    expect(inbox.data.map((m: { id: number }) => m.id)).toEqual([reply.json().id]);
    expect((await op('POST', `/affiliates/${a.affiliateId}/messages/read`)).json()).toEqual({ marked: 1 });
    expect(await operatorUnread(a.affiliateId)).toBe(0);

    const thread = (await portal(a, 'GET', '/messages')).json();
    expect(thread.data.map((m: { subject: string }) => m.subject)).toEqual(['Re: Welcome', 'Welcome']);
    expect(thread.paging.total).toBe(2);
    const events = await t.db
      .selectFrom('affiliate_events')
      .select(['actor_type'])
      .where('affiliate_id', '=', a.affiliateId)
      .where('type', '=', 'message_sent')
      .orderBy('id')
      .execute();
    expect(events.map((e) => e.actor_type)).toEqual(['api_key', 'affiliate_user']);
  });

  it('names every bad field at once and sends nothing', async () => {
    const before = await t.db
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    const bad = await portal(a, 'POST', '/messages', {
      subject: '',
      body: ' ',
      files: [{ file_name: 'x.exe', content_base64: Buffer.from('MZ').toString('base64') }],
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details.fields).toEqual([
      { path: 'subject', message: 'is required' },
      { path: 'body', message: 'is required' },
      { path: 'files[0].content_base64', message: 'must be a PDF, PNG or JPEG file' },
    ]);
    const after = await t.db
      .selectFrom('messages')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(after.n).toBe(before.n);
  });

  it("keeps each affiliate's conversation its own", async () => {
    const toB = await op('POST', `/affiliates/${b.affiliateId}/messages`, {
      subject: 'For B',
      body: 'Only B',
    });
    expect(toB.statusCode).toBe(201);
    const list = (await portal(a, 'GET', '/messages')).json();
    expect(list.data.map((m: { id: number }) => m.id)).not.toContain(toB.json().id);
    const steal = await portal(a, 'POST', `/messages/${toB.json().id}/read`, {});
    expect(steal.statusCode).toBe(404);
    expect((await portal(b, 'GET', '/messages')).json().data[0]).toMatchObject({
      id: toB.json().id,
      read_at: null,
    });
    const readOnly = await t.apiKey(['read']);
    const refused = await t.call(readOnly, {
      method: 'POST',
      url: `/api/v1/affiliates/${b.affiliateId}/messages`,
      payload: { subject: 's', body: 'b' },
    });
    expect(refused.statusCode).toBe(403);
    expect((await op('GET', `/affiliates/${b.affiliateId}/messages`)).json().paging.total).toBe(1);
  });
});
