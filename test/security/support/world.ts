import fs from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { SYSTEM } from '../../../src/core/actor.ts';
import { requestCashOut } from '../../../src/core/ledger/cash-outs/request-cash-out.ts';
import { fundAffiliate } from '../../../src/core/ledger/fund-affiliate.ts';
import { createIdentityApp, type IdentityTestApp, portalCookie } from '../../identity/helpers.ts';
import { seedBill } from './world-bills.ts';
import { type CorrespondenceWorld, seedCorrespondence } from './world-correspondence.ts';
import { type SitesWorld, seedSites } from './world-sites.ts';
import { seedWallets, type WalletWorld } from './world-wallet.ts';

/**
 * Limits high enough that thousands of requests from one key, session or address are judged on
 * their input, not counted out with 429.
 */
export const UNLIMITED = {
  RATE_LIMIT_PER_KEY: '100000000',
  RATE_LIMIT_PER_USER: '100000000',
  RATE_LIMIT_PER_IP: '100000000',
  SIGN_IN_FAILURES_PER_IP: '100000',
  SIGN_IN_FAILURES_PER_ACCOUNT: '100000',
  COMMISSION_FACTORY_CALLS_PER_MINUTE: '0',
  COMMISSION_FACTORY_CALLS_PER_DAY: '0',
  EVERFLOW_CALLS_PER_30_SECONDS: '0',
  SMARTICO_CALLS_PER_MINUTE: '0',
};

export const STAFF_PASSWORD = 'Staff#pass-1234';
export const PARTNER_PASSWORD = 'Partner#pass-1234';

export interface Partner {
  affiliateId: number;
  userId: number;
  email: string;
  /** The portal session cookie's value. */
  cookie: string;
}

export interface World {
  t: IdentityTestApp;
  /** Admin-scoped operator API key (also t.admin). */
  admin: string;
  /** Operator API key with the read scope only. */
  readOnly: string;
  /** A staff affiliate_manager with managed_affiliates_only, managing affiliate A only. */
  manager: { id: number; cookie: string };
  /** Another staff user (an admin) who manages B. */
  otherStaffId: number;
  /** Affiliates: A managed by `manager`, B not; each owner signed in to the portal. */
  a: Partner;
  b: Partner;
  bMember: Partner;
  brandId: number;
  publicLinkId: number;
  /** A private destination link granted to B only. */
  bLinkId: number;
  aCampaignId: number;
  bCampaignId: number;
  aPromoId: number;
  bPromoId: number;
  /** A private banner granted to B only. */
  bMediaId: number;
  /** One click on A's promo and one on B's, recorded through the click path. */
  aClickId: string;
  bClickId: string;
  tierId: number;
  labelId: number;
  trafficSourceId: number;
  tag: { id: number; valueId: number };
  /** An operator API key nobody uses (to target with revocation). */
  spareKeyId: number;
  /** A registration of a customer of A and one of B (events and customers routes). */
  aEvent: { id: number; customerRef: number };
  bEvent: { id: number; customerRef: number };
  eventImportId: number;
  /** A coupon code of A and one of B on the brand. */
  aCouponId: number;
  bCouponId: number;
  /** A private commission plan of the brand opened to A and B (the manager sees only A in it). */
  planId: number;
  /** A pending commission of A and one of B. */
  aCommissionId: number;
  bCommissionId: number;
  /** A postback of A and one of B, and a failed delivery of each (replay routes). */
  aPostbackId: number;
  bPostbackId: number;
  aDeliveryId: number;
  bDeliveryId: number;
  /** A pending cash-out of A and one of B (each funded 100.00 EUR first). */
  aCashOutId: number;
  bCashOutId: number;
  /** A pending bill of A and one of B. */
  aBillId: number;
  bBillId: number;
  wallet: WalletWorld;
  correspondence: CorrespondenceWorld;
  sites: SitesWorld;
}

/** A real (blank) PNG of the given size. */
export function png(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc32(body), body.length + 4);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.alloc((width * 3 + 1) * height))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export const BOUNDARY = '----affluent-security';

/** A multipart/form-data body with plain fields and optionally one file. */
export function multipart(
  fields: Record<string, string>,
  file?: { name: string; type: string; data: Buffer },
) {
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    parts.push(
      Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  }
  parts.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(parts);
}

/** Signs a staff user in; returns the session cookie header value. */
export async function staffSignIn(t: IdentityTestApp, email: string): Promise<string> {
  const login = await t.app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { email, password: STAFF_PASSWORD },
  });
  expect(login.statusCode, login.body).toBe(200);
  const cookie = login.cookies.find((c) => c.name === 'affluent_session');
  return `affluent_session=${cookie!.value}`;
}

let staffCounter = 0;
const uniqueEmail = (label: string) => `${label}${++staffCounter}-${process.pid}@example.com`;

export function partnerSignIn(t: IdentityTestApp, email: string) {
  return t.app.inject({
    method: 'POST',
    url: '/api/partner/v1/auth/sign-in',
    payload: { email, password: PARTNER_PASSWORD },
  });
}

async function signedIn(t: IdentityTestApp, email: string): Promise<string> {
  const res = await partnerSignIn(t, email);
  expect(res.statusCode, `sign-in of ${email}: ${res.body}`).toBe(200);
  return portalCookie(res)!;
}

/** An approved affiliate whose owner signed up through the portal and is signed in. */
async function approvedPartner(t: IdentityTestApp, label: string): Promise<Partner> {
  const email = uniqueEmail(label);
  const signUp = await t.app.inject({
    method: 'POST',
    url: '/api/partner/v1/sign-up',
    payload: { email, password: PARTNER_PASSWORD, first_name: 'Ada', last_name: label, terms_accepted: true },
  });
  expect(signUp.statusCode, signUp.body).toBe(201);
  const user = await t.db
    .selectFrom('affiliate_users')
    .select(['id', 'affiliate_id'])
    .where('email', '=', email)
    .executeTakeFirstOrThrow();
  const approve = await t.call(t.admin, {
    method: 'POST',
    url: `/api/v1/affiliates/${user.affiliate_id}/approve`,
  });
  expect(approve.statusCode, approve.body).toBe(204);
  return { affiliateId: user.affiliate_id, userId: user.id, email, cookie: await signedIn(t, email) };
}

/** A team member the owner added, with a password set from the emailed link, signed in. */
async function teamMember(t: IdentityTestApp, owner: Partner, label: string): Promise<Partner> {
  const email = uniqueEmail(label);
  const added = await t.as(owner.cookie, {
    method: 'POST',
    url: '/api/partner/v1/users',
    payload: { email, first_name: label },
  });
  expect(added.statusCode, added.body).toBe(201);
  const set = await t.app.inject({
    method: 'POST',
    url: '/api/partner/v1/auth/password/set',
    payload: { token: await t.linkToken(email, 'set_password'), password: PARTNER_PASSWORD },
  });
  expect(set.statusCode, set.body).toBe(200);
  return { affiliateId: owner.affiliateId, userId: added.json().id, email, cookie: await signedIn(t, email) };
}

/** Where uploaded banners of this file's app go; removeWorld deletes it. */
const dataDir = `.tmp/test-security-${process.pid}`;

export async function removeWorld(world: World | undefined): Promise<void> {
  await world?.t.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

/** Seeds two affiliates with everything an operator route can name, through the API. */
export async function createWorld(env: Record<string, string> = {}): Promise<World> {
  const t = await createIdentityApp({ ...UNLIMITED, DATA_DIR: dataDir, ...env });
  const admin = t.admin;
  const op = async (method: InjectOptions['method'], url: string, payload?: object, status = 201) => {
    const res = await t.call(admin, { method, url: `/api/v1${url}`, ...(payload ? { payload } : {}) });
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBe(status);
    return res.json();
  };
  const staff = async (role: string, managedOnly: boolean) => {
    const email = uniqueEmail('security-staff');
    const body = { email, role, name: role, managed_affiliates_only: managedOnly, password: STAFF_PASSWORD };
    return { id: (await op('POST', '/staff', body)).id as number, email };
  };

  const managerUser = await staff('affiliate_manager', true);
  const other = await staff('admin', false);
  const a = await approvedPartner(t, 'secura');
  const b = await approvedPartner(t, 'securb');
  const bMember = await teamMember(t, b, 'securbmember');
  await op('PATCH', `/affiliates/${a.affiliateId}`, { account_manager_id: managerUser.id }, 200);
  await op('PATCH', `/affiliates/${b.affiliateId}`, { account_manager_id: other.id }, 200);

  const brandId = (await op('POST', '/brands', { name: 'Security brand', base_currency: 'EUR' })).id;
  const home = { brand_id: brandId, name: 'Home', url: 'https://brand.example/' };
  const publicLinkId = (await op('POST', '/destination-links', home)).id;
  const bLinkId = (
    await op('POST', '/destination-links', {
      ...home,
      name: 'B only',
      url: 'https://brand.example/b',
      is_public: false,
      private_affiliate_ids: [b.affiliateId],
    })
  ).id;
  const campaign = async (affiliateId: number, name: string) =>
    (await op('POST', '/campaigns', { affiliate_id: affiliateId, brand_id: brandId, name })).id as number;
  const aCampaignId = await campaign(a.affiliateId, 'A main');
  const bCampaignId = await campaign(b.affiliateId, 'B main');
  const aPromoId = (
    await op('POST', `/campaigns/${aCampaignId}/promos`, { destination_link_id: publicLinkId })
  ).id;
  const bPromoId = (await op('POST', `/campaigns/${bCampaignId}/promos`, { destination_link_id: bLinkId }))
    .id;
  const upload = await t.call(admin, {
    method: 'POST',
    url: '/api/v1/media',
    payload: multipart(
      { title: 'B banner', is_public: 'false', affiliate_ids: String(b.affiliateId) },
      { name: 'b.png', type: 'image/png', data: png(300, 250) },
    ),
    headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
  });
  expect(upload.statusCode, upload.body).toBe(201);
  const clickOn = async (promoId: number) => {
    const { code } = await op('GET', `/promos/${promoId}`, undefined, 200);
    expect((await t.app.inject({ url: `/c/${code}` })).statusCode).toBe(302);
    await t.app.tracking.clicks.flush();
    const row = await t.db
      .selectFrom('clicks')
      .select('id')
      .where('promo_id', '=', promoId)
      .executeTakeFirstOrThrow();
    return row.id;
  };
  const aClickId = await clickOn(aPromoId);
  const bClickId = await clickOn(bPromoId);

  const tierId = (await op('POST', '/affiliate-tiers', { name: 'Security tier' })).id;
  const labelId = (await op('POST', '/affiliate-labels', { name: 'Security label' })).id;
  const trafficSourceId = (await op('POST', '/traffic-sources', { name: 'Security source' })).id;
  const tag = await op('POST', '/custom-tags', { name: 'Security tag', values: ['One', 'Two'] });
  const spareKeyId = (await op('POST', '/api-keys', { name: 'spare', scopes: ['read'] })).api_key.id;
  const registration = async (affiliateId: number, who: string) => {
    const { event } = await op('POST', '/events', {
      type: 'registration',
      event_id: `security-${who}`,
      brand_id: brandId,
      customer_id: `security-player-${who}`,
      occurred_at: new Date(Date.now() - 3_600_000).toISOString(),
      affiliate_id: affiliateId,
    });
    return { id: event.id as number, customerRef: event.customer_ref as number };
  };
  const aEvent = await registration(a.affiliateId, 'a');
  const bEvent = await registration(b.affiliateId, 'b');
  const eventImport = await t.call(admin, {
    method: 'POST',
    url: '/api/v1/events/imports',
    payload: `type,event_id,brand_id,customer_id,occurred_at\nregistration,security-import,${brandId},security-import-player,${new Date(Date.now() - 3_600_000).toISOString()}\n`,
    headers: { 'content-type': 'text/csv' },
  });
  expect(eventImport.statusCode, eventImport.body).toBe(202);
  const coupon = async (affiliateId: number, code: string) =>
    (await op('POST', '/coupon-codes', { brand_id: brandId, code, affiliate_id: affiliateId })).id as number;
  const aCouponId = await coupon(a.affiliateId, 'SECURITY-A');
  const bCouponId = await coupon(b.affiliateId, 'SECURITY-B');
  const plan = await op('POST', '/commission-plans', {
    name: 'Security plan',
    brand_id: brandId,
    currency: 'EUR',
    is_private: true,
    private_affiliate_ids: [a.affiliateId, b.affiliateId],
    definition: { cpl: { amount: 500 } },
  });
  const commission = async (affiliateId: number, who: string) =>
    Number(
      (
        await t.db
          .insertInto('commissions')
          .values({
            brand_id: brandId,
            affiliate_id: affiliateId,
            currency: 'EUR',
            amount: 500n,
            kind: 'cpl',
            status: 'pending',
            initial_status: 'pending',
            earned_at: new Date(),
            source_key: `security:${who}`,
            trace: '{}',
            explanation: `Security commission of ${who}`,
            actor_type: 'system',
            actor_id: null,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    );

  const postback = async (affiliateId: number) =>
    (
      await op('POST', '/postbacks', {
        affiliate_id: affiliateId,
        scope: 'account',
        trigger: 'registration',
        url: 'https://tracker.example.com/pb?c=${click_id}',
      })
    ).id as number;
  const failedDelivery = async (definitionId: number, affiliateId: number) =>
    Number(
      (
        await t.db
          .insertInto('postback_deliveries')
          .values({
            definition_id: definitionId,
            affiliate_id: affiliateId,
            trigger: 'registration',
            delivery: 's2s_get',
            method: 'GET',
            url: 'https://tracker.example.com/pb?c=x',
            state: 'failed',
            attempts: 8,
          })
          .returning('id')
          .executeTakeFirstOrThrow()
      ).id,
    );
  const aPostbackId = await postback(a.affiliateId);
  const bPostbackId = await postback(b.affiliateId);
  const cashOut = async (affiliateId: number) => {
    const details = JSON.stringify({ email: `security-${affiliateId}@skrill.test` });
    await t.db
      .insertInto('affiliate_payment_methods')
      .values({ affiliate_id: affiliateId, type: 'skrill', details })
      .onConflict((oc) => oc.column('affiliate_id').doUpdateSet({ type: 'skrill', details }))
      .execute();
    const input = {
      amount: 100_00,
      currency: 'EUR',
      description: 'Security',
      order_id: `security-${affiliateId}`,
    };
    await fundAffiliate({ db: t.db, actor: SYSTEM, affiliateId, input });
    const made = await requestCashOut({
      db: t.db,
      actor: SYSTEM,
      affiliateId,
      input: { currency: 'EUR', amount: 20_00 },
    });
    return made.cashOut.id;
  };

  return {
    t,
    admin,
    readOnly: await t.apiKey(['read']),
    manager: { id: managerUser.id, cookie: await staffSignIn(t, managerUser.email) },
    otherStaffId: other.id,
    a,
    b,
    bMember,
    brandId,
    publicLinkId,
    bLinkId,
    aCampaignId,
    bCampaignId,
    aPromoId,
    bPromoId,
    bMediaId: upload.json().id,
    aClickId,
    bClickId,
    tierId,
    labelId,
    trafficSourceId,
    tag: { id: tag.id, valueId: tag.values[0].id },
    spareKeyId,
    aEvent,
    bEvent,
    eventImportId: eventImport.json().id,
    aCouponId,
    bCouponId,
    planId: plan.id as number,
    aCommissionId: await commission(a.affiliateId, 'a'),
    bCommissionId: await commission(b.affiliateId, 'b'),
    aPostbackId,
    bPostbackId,
    aDeliveryId: await failedDelivery(aPostbackId, a.affiliateId),
    bDeliveryId: await failedDelivery(bPostbackId, b.affiliateId),
    aCashOutId: await cashOut(a.affiliateId),
    bCashOutId: await cashOut(b.affiliateId),
    aBillId: await seedBill(t.db, a.affiliateId),
    bBillId: await seedBill(t.db, b.affiliateId),
    // After the cash-outs: the wallets' batch takes another 20.00 EUR of each balance.
    wallet: await seedWallets(t, dataDir, a.affiliateId, b.affiliateId),
    correspondence: await seedCorrespondence(t, dataDir, a.affiliateId, b.affiliateId),
    sites: await seedSites(t, a.affiliateId, b.affiliateId),
  };
}

/** The first 300 characters of a response body, for failure messages. */
export function excerpt(res: LightMyRequestResponse): string {
  const body = res.body.length > 300 ? `${res.body.slice(0, 300)}…` : res.body;
  return `${res.statusCode} ${body}`;
}
