/**
 * First-run guidance through the operator API: the set-up checklist ticks each step as soon as
 * its first row exists (commission plans only once their table does), a limited manager's
 * affiliate and click steps count their own affiliates, and invited staff read as invited until
 * they set a password.
 */
import fs from 'node:fs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { limitedManager } from '../clicks/helpers.ts';
import { createIdentityApp, type IdentityTestApp } from '../identity/helpers.ts';
import { BOUNDARY, multipart, png } from '../security/support/world.ts';

const ENV = { DATA_DIR: `.tmp/test-first-run-${process.pid}`, TRACKING_FLUSH_INTERVAL_MS: '3600000' };
let t: IdentityTestApp;
beforeAll(async () => {
  t = await createIdentityApp(ENV);
});
afterAll(async () => {
  await t?.close();
  fs.rmSync(ENV.DATA_DIR, { recursive: true, force: true });
});

type Step = 'brand' | 'destination_link' | 'banner' | 'commission_plan' | 'affiliate' | 'click';
type Steps = { step: Step; done: boolean; available: boolean }[];

async function checklist(
  cookie?: string,
  app: IdentityTestApp = t,
): Promise<Record<Step, { done: boolean; available: boolean }>> {
  const res = cookie
    ? await app.app.inject({ url: '/api/v1/setup-checklist', headers: { cookie } })
    : await app.call(app.admin, { url: '/api/v1/setup-checklist' });
  expect(res.statusCode, res.body).toBe(200);
  const steps: Steps = res.json().steps;
  expect(steps.map((s) => s.step)).toEqual([
    'brand',
    'destination_link',
    'banner',
    'commission_plan',
    'affiliate',
    'click',
  ]);
  return Object.fromEntries(steps.map(({ step, ...rest }) => [step, rest])) as Record<
    Step,
    { done: boolean; available: boolean }
  >;
}

const done = async (app: IdentityTestApp) =>
  Object.entries(await checklist(undefined, app))
    .filter(([, s]) => s.done)
    .map(([step]) => step);

async function op(method: 'POST' | 'PATCH', url: string, payload: object, app: IdentityTestApp = t) {
  const res = await app.call(app.admin, { method, url: `/api/v1${url}`, payload });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json();
}

describe('the set-up checklist', () => {
  it('ticks each step from the data, one after the other', async () => {
    // A platform of its own: the other cases here add rows of every kind.
    const fresh = await createIdentityApp(ENV);
    try {
      const call = (method: 'POST', url: string, payload: object) => op(method, url, payload, fresh);
      expect(await done(fresh)).toEqual([]);
      const brand = await call('POST', '/brands', { name: 'First', base_currency: 'EUR' });
      expect(await done(fresh)).toEqual(['brand']);
      const link = await call('POST', '/destination-links', {
        brand_id: brand.id,
        name: 'Home',
        url: 'https://first.example/',
      });
      expect(await done(fresh)).toEqual(['brand', 'destination_link']);
      const upload = await fresh.call(fresh.admin, {
        method: 'POST',
        url: '/api/v1/media',
        payload: multipart({ title: 'Square' }, { name: 's.png', type: 'image/png', data: png(250, 250) }),
        headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      });
      expect(upload.statusCode, upload.body).toBe(201);
      expect(await done(fresh)).toEqual(['brand', 'destination_link', 'banner']);
      const affiliate = await call('POST', '/affiliates', { name: 'First partner', status: 'active' });
      expect(await done(fresh)).toEqual(['brand', 'destination_link', 'banner', 'affiliate']);
      const campaign = await call('POST', '/campaigns', {
        affiliate_id: affiliate.id,
        brand_id: brand.id,
        name: 'Main',
      });
      const promo = await call('POST', `/campaigns/${campaign.id}/promos`, { destination_link_id: link.id });
      expect(await done(fresh)).not.toContain('click');
      expect((await fresh.app.inject({ url: `/c/${promo.code}` })).statusCode).toBe(302);
      await fresh.app.tracking.clicks.flush();
      expect(await done(fresh)).toEqual(['brand', 'destination_link', 'banner', 'affiliate', 'click']);
    } finally {
      await fresh.close();
    }
  });

  it('reports commission plans as not available until their table exists, then from its rows', async () => {
    const exists = await sql<{
      found: boolean;
    }>`select to_regclass('commission_plans') is not null as found`.execute(t.db);
    if (exists.rows[0]!.found) {
      expect((await checklist()).commission_plan.available).toBe(true);
      return;
    }
    expect((await checklist()).commission_plan).toEqual({ done: false, available: false });
    // This file's own database: a stand-in table shows the step reads whatever the feature brings.
    await sql`create table commission_plans (id integer primary key)`.execute(t.db);
    expect((await checklist()).commission_plan).toEqual({ done: false, available: true });
    await sql`insert into commission_plans (id) values (1)`.execute(t.db);
    expect((await checklist()).commission_plan).toEqual({ done: true, available: true });
  });

  it("counts a limited manager's own affiliates and their clicks only", async () => {
    const { id: managerId, cookie } = await limitedManager(t);
    const mine = await checklist(cookie);
    expect(mine.affiliate.done).toBe(false);
    expect(mine.click.done).toBe(false);
    // Someone else's affiliate with a click does not tick the manager's steps.
    const brand = await op('POST', '/brands', { name: `Managed ${process.pid}`, base_currency: 'EUR' });
    const link = await op('POST', '/destination-links', {
      brand_id: brand.id,
      name: 'Home',
      url: 'https://m.example/',
    });
    const clickFor = async (affiliateId: number) => {
      const campaign = await op('POST', '/campaigns', {
        affiliate_id: affiliateId,
        brand_id: brand.id,
        name: 'Main',
      });
      const promo = await op('POST', `/campaigns/${campaign.id}/promos`, { destination_link_id: link.id });
      expect((await t.app.inject({ url: `/c/${promo.code}` })).statusCode).toBe(302);
      await t.app.tracking.clicks.flush();
    };
    const other = await op('POST', '/affiliates', { name: 'Not managed', status: 'active' });
    await clickFor(other.id);
    expect(await checklist(cookie)).toMatchObject({ affiliate: { done: false }, click: { done: false } });
    expect(await checklist()).toMatchObject({ affiliate: { done: true }, click: { done: true } });
    const theirs = await op('POST', '/affiliates', {
      name: 'Managed',
      status: 'active',
      account_manager_id: managerId,
    });
    expect(await checklist(cookie)).toMatchObject({ affiliate: { done: true }, click: { done: false } });
    await clickFor(theirs.id);
    expect(await checklist(cookie)).toMatchObject({ affiliate: { done: true }, click: { done: true } });
  });
});

describe('invited staff', () => {
  it('reads as invited until the emailed link sets a password', async () => {
    const email = `invitee-${process.pid}@example.com`;
    const created = await op('POST', '/staff', { email, name: 'Ivo', role: 'support' });
    expect(created.invited).toBe(true);
    const listed = async () =>
      (await t.call(t.admin, { url: '/api/v1/staff' }))
        .json()
        .data.find((s: { email: string }) => s.email === email);
    expect((await listed()).invited).toBe(true);
    const token = await t.linkToken(email, 'set_password');
    const set = await t.app.inject({
      method: 'POST',
      url: '/api/v1/auth/set-password',
      payload: { token, password: 'Invited#pass-1234' },
    });
    expect(set.statusCode, set.body).toBeLessThan(300);
    expect((await listed()).invited).toBe(false);
    const withPassword = await op('POST', '/staff', {
      email: `direct-${process.pid}@example.com`,
      name: 'Dee',
      role: 'support',
      password: 'Direct#pass-1234',
    });
    expect(withPassword.invited).toBe(false);
  });
});
