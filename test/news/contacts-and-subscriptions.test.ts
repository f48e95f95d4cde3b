import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queueEmail } from '../../src/core/email/email-job.ts';
import {
  approvedPartner,
  createIdentityApp,
  type IdentityTestApp,
  type Partner,
} from '../identity/helpers.ts';

// The portal's Contacts page (each brand's team, the affiliate's own manager) and the profile's
// email subscriptions, which the email job honours for news, payments and reports but never for
// account emails.
let t: IdentityTestApp;
let a: Partner;
let unique = 0;
const label = (s: string) => `${s} ${process.pid}-${++unique}`;

const op = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object, key = t.admin) =>
  t.call(key, { method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });
const contactsOf = async (who: Partner) => {
  const res = await t.as(who.cookie, { url: '/api/partner/v1/contacts' });
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const storedEmails = async (to: string, template: string) => {
  await t.jobs.runUntilIdle();
  return t.db
    .selectFrom('email_messages')
    .select('subject')
    .where('to_address', '=', to)
    .where('template', '=', template)
    .execute();
};

beforeAll(async () => {
  t = await createIdentityApp();
  a = await approvedPartner(t, 'contacta');
}, 120_000);
afterAll(() => t.close());

describe('contacts', () => {
  it("shows each enabled brand's contact details and the affiliate's own manager", async () => {
    const brand = (
      await op('POST', '/brands', { name: label('Contact brand'), base_currency: 'EUR' })
    ).json();
    const closed = (
      await op('POST', '/brands', { name: label('Closed brand'), base_currency: 'EUR', enabled: false })
    ).json();
    const set = await op('PUT', `/brands/${brand.id}/contacts`, {
      email: ' team@example.com ',
      phone: '+31 20 123 4567',
      telegram: '@team',
    });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({
      brand: { id: brand.id, name: brand.name },
      email: 'team@example.com',
      phone: '+31 20 123 4567',
      telegram: '@team',
      skype: '',
    });
    await op('PUT', `/brands/${closed.id}/contacts`, { email: 'closed@example.com' });

    const before = await contactsOf(a);
    expect(before.manager).toBeNull();
    const shown = before.brands.filter((c: { brand: { id: number } }) =>
      [brand.id, closed.id].includes(c.brand.id),
    );
    expect(shown).toEqual([
      {
        brand: { id: brand.id, name: brand.name },
        email: 'team@example.com',
        phone: '+31 20 123 4567',
        skype: '',
        telegram: '@team',
        whatsapp: '',
        note: '',
      },
    ]);

    // Changing one field keeps the others; an empty string removes one.
    await op('PUT', `/brands/${brand.id}/contacts`, { telegram: '', note: 'Mon–Fri 9–17 CET' });
    const listed = (await op('GET', '/brand-contacts'))
      .json()
      .data.find((c: { brand: { id: number } }) => c.brand.id === brand.id);
    expect(listed).toMatchObject({ email: 'team@example.com', telegram: '', note: 'Mon–Fri 9–17 CET' });

    const [staff] = await t.db
      .insertInto('staff_users')
      .values({ email: `manager-${process.pid}-${++unique}@example.com`, name: 'Mia Manager' })
      .returning(['id', 'email'])
      .execute();
    await t.db
      .updateTable('affiliates')
      .set({ account_manager_id: staff!.id })
      .where('id', '=', a.affiliateId)
      .execute();
    expect((await contactsOf(a)).manager).toEqual({ name: 'Mia Manager', email: staff!.email });

    const audit = await op('GET', `/audit-log?entity=brand_contacts&entity_id=${brand.id}`);
    expect(audit.json().data).toHaveLength(2);
  });

  it('refuses bad details naming each field, a missing brand and a read key, changing nothing', async () => {
    const brand = (await op('POST', '/brands', { name: label('Strict brand'), base_currency: 'EUR' })).json();
    await op('PUT', `/brands/${brand.id}/contacts`, { email: 'ok@example.com' });
    const bad = await op('PUT', `/brands/${brand.id}/contacts`, { email: 'nope', phone: 'call me' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().error.details.fields.map((f: { path: string }) => f.path)).toEqual(['email', 'phone']);
    const reader = await t.apiKey(['read']);
    expect(
      (await op('PUT', `/brands/${brand.id}/contacts`, { email: 'x@example.com' }, reader)).statusCode,
    ).toBe(403);
    expect((await op('PUT', '/brands/2147483647/contacts', { email: 'x@example.com' })).statusCode).toBe(404);
    const row = await t.db
      .selectFrom('brand_contacts')
      .selectAll()
      .where('brand_id', '=', brand.id)
      .execute();
    expect(row.map((r) => [r.email, r.phone])).toEqual([['ok@example.com', '']]);
    expect(
      await t.db.selectFrom('brand_contacts').select('brand_id').where('brand_id', '=', 2147483647).execute(),
    ).toEqual([]);
  });
});

describe('email subscriptions', () => {
  it('sends payments and reports emails only to the subscribed, and account emails always', async () => {
    const subscribed = await approvedPartner(t, 'subyes');
    const unsubscribed = await approvedPartner(t, 'subno');
    const off = await t.as(unsubscribed.cookie, {
      method: 'PATCH',
      url: '/api/partner/v1/profile',
      payload: { email_subscriptions: [] },
    });
    expect(off.json().email_subscriptions).toEqual([]);
    for (const to of [subscribed.email, unsubscribed.email]) {
      for (const template of ['bill_approved', 'cash_out_success', 'requested_report_ready']) {
        await queueEmail(t.jobs, t.db, {
          template,
          to,
          subject: `${template} for you`,
          text: 'x',
          html: '<p>x</p>',
        });
      }
    }
    for (const template of ['bill_approved', 'cash_out_success', 'requested_report_ready']) {
      expect(await storedEmails(subscribed.email, template), template).toHaveLength(1);
      expect(await storedEmails(unsubscribed.email, template), template).toHaveLength(0);
    }
    // A password reset is an account email: sent whatever the preferences.
    const forgot = await t.app.inject({
      method: 'POST',
      url: '/api/partner/v1/auth/password/forgot',
      payload: { email: unsubscribed.email },
    });
    expect(forgot.statusCode).toBe(202);
    expect(await storedEmails(unsubscribed.email, 'reset_password')).toHaveLength(1);
  });
});
