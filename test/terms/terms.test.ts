import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvedPartner, createIdentityApp, type IdentityTestApp } from '../identity/helpers.ts';

// The terms and conditions, versioned: the operator publishes, affiliates accept at sign-up and
// then each new version in the portal, and the operator sees who accepted which version when.
// Versions are global, so each test publishes its own and reads relative to it.
let t: IdentityTestApp;
let reader: string;
beforeAll(async () => {
  t = await createIdentityApp();
  reader = await t.apiKey(['read']);
});
afterAll(() => t.close());

const publish = (key: string, payload: object) =>
  t.call(key, { method: 'POST', url: '/api/v1/terms-versions', payload });
const portal = (cookie: string, method: 'GET' | 'POST', url: string, payload?: object) =>
  t.as(cookie, { method, url: `/api/partner/v1${url}`, ...(payload ? { payload } : {}) });
const versionCount = async () =>
  Number(
    (
      await t.db
        .selectFrom('terms_versions')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const acceptanceRows = (affiliateId: number) =>
  t.db.selectFrom('terms_acceptances').selectAll().where('affiliate_id', '=', affiliateId).execute();

describe('terms and conditions', () => {
  it('records the version accepted at sign-up, asks for a new one in the portal and shows the operator when it was accepted', async () => {
    const first = await publish(t.admin, { title: 'Program terms', body: 'Play fair.\n\nNo spam.' });
    expect(first.statusCode, first.body).toBe(201);
    const v1 = first.json();
    expect(v1).toMatchObject({ title: 'Program terms', body: 'Play fair.\n\nNo spam.', summary: '' });

    const a = await approvedPartner(t, 'termsa');
    const b = await approvedPartner(t, 'termsb');
    // Sign-up recorded the version in force then.
    const atSignUp = await portal(a.cookie, 'GET', '/terms');
    expect(atSignUp.statusCode, atSignUp.body).toBe(200);
    expect(atSignUp.json()).toMatchObject({
      current: { version: v1.version },
      acceptance_required: false,
      acceptances: [{ version: v1.version, title: 'Program terms', accepted_by: a.email }],
    });
    expect(atSignUp.json().acceptances).toHaveLength(1);

    const second = await publish(t.admin, {
      title: 'Program terms 2027',
      body: 'Play fair. Disclose ads.',
      summary: 'Ads must be disclosed.',
    });
    expect(second.statusCode, second.body).toBe(201);
    const v2 = second.json();
    expect(v2.version).toBe(v1.version + 1);

    const asked = (await portal(a.cookie, 'GET', '/terms')).json();
    expect(asked).toMatchObject({
      current: { version: v2.version, summary: 'Ads must be disclosed.' },
      current_accepted_at: null,
      acceptance_required: true,
    });

    // Accepting the version read before: refused, nothing recorded.
    const stale = await portal(a.cookie, 'POST', '/terms/accept', { version: v1.version });
    expect(stale.statusCode).toBe(422);
    expect(stale.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual(['version']);
    expect(await acceptanceRows(a.affiliateId)).toHaveLength(1);

    const accepted = await portal(a.cookie, 'POST', '/terms/accept', { version: v2.version });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json()).toMatchObject({ acceptance_required: false });
    const acceptedAt = accepted.json().current_accepted_at;
    expect(Date.now() - Date.parse(acceptedAt)).toBeLessThan(60_000);
    // Again: the first date stays.
    const again = await portal(a.cookie, 'POST', '/terms/accept', { version: v2.version });
    expect(again.json().current_accepted_at).toBe(acceptedAt);

    const seen = await t.call(reader, { url: `/api/v1/affiliates/${a.affiliateId}/terms` });
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json().current_accepted_at).toBe(acceptedAt);
    expect(seen.json().acceptances.map((x: { version: number }) => x.version)).toEqual([
      v2.version,
      v1.version,
    ]);
    // B has not accepted v2: still asked, and A's acceptance is not B's.
    const bTerms = await t.call(reader, { url: `/api/v1/affiliates/${b.affiliateId}/terms` });
    expect(bTerms.json()).toMatchObject({ acceptance_required: true, current_accepted_at: null });
    expect(bTerms.json().acceptances.map((x: { version: number }) => x.version)).toEqual([v1.version]);

    const list = await t.call(reader, { url: '/api/v1/terms-versions' });
    expect(list.statusCode).toBe(200);
    const [newest, previous] = list.json().data;
    expect(newest).toMatchObject({ version: v2.version, accepted_count: 1 });
    expect(previous).toMatchObject({ version: v1.version, accepted_count: 2 });
  });

  it('keeps every published version as it was', async () => {
    const res = await publish(t.admin, { title: 'Fixed', body: 'As published.' });
    const { version, id } = res.json();
    const later = await publish(t.admin, { title: 'Later', body: 'Newer text.' });
    expect(later.statusCode).toBe(201);
    await expect(
      t.db.updateTable('terms_versions').set({ body: 'Rewritten' }).where('id', '=', id).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(t.db.deleteFrom('terms_versions').where('id', '=', id).execute()).rejects.toThrow(
      /append-only/,
    );
    const read = await t.call(reader, { url: `/api/v1/terms-versions/${version}` });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ version, title: 'Fixed', body: 'As published.' });
    const missing = await t.call(reader, { url: '/api/v1/terms-versions/2147483647' });
    expect(missing.statusCode).toBe(404);
  });

  it('refuses an empty version naming each field, and a key without admin scope, changing nothing', async () => {
    const before = await versionCount();
    const empty = await publish(t.admin, { title: '  ', body: '' });
    expect(empty.statusCode).toBe(422);
    expect(empty.json().error.details.fields).toEqual([
      { path: 'title', message: 'is required' },
      { path: 'body', message: 'is required' },
    ]);
    const readOnly = await publish(reader, { title: 'Mine', body: 'Text' });
    expect(readOnly.statusCode).toBe(403);
    expect(await versionCount()).toBe(before);
  });

  it('answers an affiliate the operator never created with 404', async () => {
    const res = await t.call(reader, { url: '/api/v1/affiliates/2147483647/terms' });
    expect(res.statusCode).toBe(404);
  });
});
