import fs from 'node:fs';
import path from 'node:path';
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

const PDF = Buffer.from('%PDF-1.4\n% the passport scan\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]);
const file = (name: string, bytes: Buffer) => ({ file_name: name, content_base64: bytes.toString('base64') });

const op = (method: 'GET' | 'POST', url: string, payload?: object) =>
  t.call(t.admin, { method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });
const portal = (who: Partner, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.as(who.cookie, { method, url: `/api/partner/v1${url}`, ...(payload ? { payload } : {}) });

async function openFor(who: Partner, subject = 'Proof of identity') {
  const res = await op('POST', `/affiliates/${who.affiliateId}/inquiries`, {
    subject,
    expected_reply: 'A scan of your passport and a utility bill',
    due_date: '2099-01-31',
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

const filesOnDisk = () => {
  const dir = path.join(t.app.deps.config.dataDir, 'correspondence');
  return fs.existsSync(dir) ? fs.readdirSync(dir).length : 0;
};

beforeAll(async () => {
  t = await createIdentityApp();
  a = await approvedPartner(t, 'inqa');
  b = await approvedPartner(t, 'inqb');
});
afterAll(async () => {
  await t.close();
});

describe('inquiries', () => {
  it('opens an inquiry, shows it open to the affiliate and emails its owner', async () => {
    const inquiry = await openFor(a);
    expect(inquiry).toMatchObject({
      affiliate_id: a.affiliateId,
      status: 'open',
      due_date: '2099-01-31',
      answers: [],
      changes: [{ from_status: null, to_status: 'open', actor_type: 'api_key' }],
    });
    const open = (await portal(a, 'GET', '/inquiries?awaiting_affiliate=true')).json();
    expect(open.data.map((i: { id: number }) => i.id)).toContain(inquiry.id);
    const onAffiliate = (
      await op('GET', `/affiliates/${a.affiliateId}/inquiries?awaiting_affiliate=true`)
    ).json();
    expect(onAffiliate.data.map((i: { id: number }) => i.id)).toContain(inquiry.id);
    const email = await t.lastEmail(a.email, 'inquiry_opened');
    expect(email.subject).toBe('We need something from you: Proof of identity');
    expect(email.text).toContain(`/portal/inquiries/${inquiry.id}`);
    const events = await t.db
      .selectFrom('affiliate_events')
      .select(['type', 'actor_type'])
      .where('affiliate_id', '=', a.affiliateId)
      .where('type', '=', 'inquiry_opened')
      .execute();
    expect(events.length).toBeGreaterThanOrEqual(1);
  });

  it('takes an answer with files, then a rejection re-opens it for a new answer that is accepted', async () => {
    const inquiry = await openFor(a, 'Address');
    const answered = await portal(a, 'POST', `/inquiries/${inquiry.id}/answer`, {
      body: 'Here is my passport',
      files: [file('passport.pdf', PDF), file('bill.png', PNG)],
    });
    expect(answered.statusCode, answered.body).toBe(200);
    const view = answered.json();
    expect(view.status).toBe('answered');
    expect(view.answers).toHaveLength(1);
    expect(
      view.answers[0].files.map((f: { file_name: string; content_type: string; size_bytes: number }) => f),
    ).toMatchObject([
      { file_name: 'passport.pdf', content_type: 'application/pdf', size_bytes: PDF.length },
      { file_name: 'bill.png', content_type: 'image/png', size_bytes: PNG.length },
    ]);
    const fileId = view.answers[0].files[0].id;
    const download = await op('GET', `/correspondence-files/${fileId}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.rawPayload.equals(PDF)).toBe(true);
    const mine = await t.as(a.cookie, { url: `/api/partner/v1/correspondence-files/${fileId}` });
    expect(mine.rawPayload.equals(PDF)).toBe(true);

    // Answered: waiting for the operator, so no second answer.
    const twice = await portal(a, 'POST', `/inquiries/${inquiry.id}/answer`, { body: 'again' });
    expect(twice.statusCode).toBe(409);

    const noComment = await op('POST', `/inquiries/${inquiry.id}/reject`, {});
    expect(noComment.statusCode).toBe(422);
    expect(noComment.json().error.details.fields).toEqual([
      { path: 'comment', message: 'is required: tell the affiliate what is missing' },
    ]);
    const rejected = await op('POST', `/inquiries/${inquiry.id}/reject`, {
      comment: 'The bill is unreadable',
    });
    expect(rejected.statusCode, rejected.body).toBe(200);
    expect(rejected.json()).toMatchObject({
      status: 'rejected',
      decision_comment: 'The bill is unreadable',
      answers: [{ decision: 'rejected', decision_comment: 'The bill is unreadable' }],
    });
    expect((await t.lastEmail(a.email, 'inquiry_rejected')).text).toContain('The bill is unreadable');
    const awaiting = (await portal(a, 'GET', '/inquiries?awaiting_affiliate=true')).json();
    expect(awaiting.data.map((i: { id: number }) => i.id)).toContain(inquiry.id);

    const again = await portal(a, 'POST', `/inquiries/${inquiry.id}/answer`, {
      body: 'A clearer scan',
      files: [file('bill2.png', PNG)],
    });
    expect(again.statusCode, again.body).toBe(200);
    const accepted = await op('POST', `/inquiries/${inquiry.id}/accept`, { comment: 'Thanks' });
    expect(accepted.statusCode, accepted.body).toBe(200);
    const final = accepted.json();
    expect(final.status).toBe('accepted');
    expect(final.answers.map((x: { decision: string }) => x.decision)).toEqual(['rejected', 'accepted']);
    expect(final.changes.map((c: { to_status: string }) => c.to_status)).toEqual([
      'open',
      'answered',
      'rejected',
      'answered',
      'accepted',
    ]);
    expect(final.changes[1]).toMatchObject({ actor_type: 'affiliate_user', from_status: 'open' });

    // Accepted is final.
    const late = await portal(a, 'POST', `/inquiries/${inquiry.id}/answer`, { body: 'more' });
    expect(late.statusCode).toBe(409);
    expect((await op('POST', `/inquiries/${inquiry.id}/reject`, { comment: 'no' })).statusCode).toBe(409);
    expect((await op('GET', `/inquiries/${inquiry.id}`)).json().status).toBe('accepted');
  });

  it('names every bad field of an inquiry and of an answer at once, storing nothing', async () => {
    const bad = await op('POST', `/affiliates/${a.affiliateId}/inquiries`, {
      subject: ' ',
      expected_reply: '',
      due_date: '2020-02-30',
    });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details.fields).toEqual([
      { path: 'subject', message: 'is required' },
      { path: 'expected_reply', message: 'is required' },
      { path: 'due_date', message: 'enter a date like 2026-12-31' },
    ]);
    const past = await op('POST', `/affiliates/${a.affiliateId}/inquiries`, {
      subject: 'x',
      expected_reply: 'y',
      due_date: '2020-01-01',
    });
    expect(past.json().error.details.fields).toEqual([
      { path: 'due_date', message: 'must be today or later' },
    ]);

    const inquiry = await openFor(a);
    const before = filesOnDisk();
    const answer = await portal(a, 'POST', `/inquiries/${inquiry.id}/answer`, {
      body: '',
      files: [file('a.txt', Buffer.from('hello')), file('empty.pdf', Buffer.alloc(0))],
    });
    expect(answer.statusCode).toBe(422);
    expect(answer.json().error.details.fields).toEqual([
      { path: 'body', message: 'is required' },
      { path: 'files[0].content_base64', message: 'must be a PDF, PNG or JPEG file' },
      { path: 'files[1].content_base64', message: 'is empty: attach the file' },
    ]);
    expect(filesOnDisk()).toBe(before);
    const after = (await op('GET', `/inquiries/${inquiry.id}`)).json();
    expect(after).toMatchObject({ status: 'open', answers: [] });
  });

  it("never shows or lets one affiliate answer another's inquiry", async () => {
    const inquiry = await openFor(b);
    expect((await portal(a, 'GET', `/inquiries/${inquiry.id}`)).statusCode).toBe(404);
    const before = filesOnDisk();
    const answer = await portal(a, 'POST', `/inquiries/${inquiry.id}/answer`, {
      body: 'mine now',
      files: [file('x.pdf', PDF)],
    });
    expect(answer.statusCode).toBe(404);
    expect(filesOnDisk()).toBe(before);
    const list = (await portal(a, 'GET', '/inquiries')).json();
    expect(
      list.data
        .map((i: { affiliate_id: number }) => i.affiliate_id)
        .every((id: number) => id === a.affiliateId),
    ).toBe(true);
    expect(list.data.map((i: { id: number }) => i.id)).not.toContain(inquiry.id);
    expect((await op('GET', `/inquiries/${inquiry.id}`)).json()).toMatchObject({
      status: 'open',
      answers: [],
    });

    await portal(b, 'POST', `/inquiries/${inquiry.id}/answer`, { body: 'b', files: [file('b.pdf', PDF)] });
    const bFile = (await op('GET', `/inquiries/${inquiry.id}`)).json().answers[0].files[0].id;
    expect((await t.as(a.cookie, { url: `/api/partner/v1/correspondence-files/${bFile}` })).statusCode).toBe(
      404,
    );
  });

  it('decides only answered inquiries and refuses a stranger id as not found', async () => {
    const inquiry = await openFor(a);
    const early = await op('POST', `/inquiries/${inquiry.id}/accept`, {});
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('invalid_state');
    expect((await op('POST', '/inquiries/999999/accept', {})).statusCode).toBe(404);
    expect(
      (await op('POST', '/affiliates/999999/inquiries', { subject: 's', expected_reply: 'r' })).statusCode,
    ).toBe(404);
    const read = await t.apiKey(['read']);
    const refused = await t.call(read, {
      method: 'POST',
      url: `/api/v1/affiliates/${a.affiliateId}/inquiries`,
      payload: { subject: 's', expected_reply: 'r' },
    });
    expect(refused.statusCode).toBe(403);
    expect((await op('GET', `/inquiries/${inquiry.id}`)).json()).toMatchObject({
      status: 'open',
      changes: [{}],
    });
  });
});
