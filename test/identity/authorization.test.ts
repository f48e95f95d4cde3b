/**
 * THE partner authorization suite: signed in as affiliate A, every partner route is tried against
 * affiliate B's resources (ids in the path, in the body, in filters). Each attempt must answer 404
 * (exactly like a missing resource) and leave B exactly as it was.
 *
 * Every route under /api/partner/v1 must appear below, either with its cross-affiliate attempts
 * (CROSS) or as a route that names no resource of its own (OWN_DATA_ONLY, checked to show only
 * A's data). A new partner route fails the completeness test until it is added here. Fields that
 * would name another affiliate's resource in a body are refused as bad input (422) without effect.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM } from '../../src/core/actor.ts';
import { requestCashOut } from '../../src/core/ledger/cash-outs/request-cash-out.ts';
import { fundAffiliate } from '../../src/core/ledger/fund-affiliate.ts';
import { seedBill } from '../security/support/world-bills.ts';
import { seedCorrespondence } from '../security/support/world-correspondence.ts';
import { seedSites } from '../security/support/world-sites.ts';
import { seedWallets } from '../security/support/world-wallet.ts';
import {
  approvedPartner,
  createIdentityApp,
  type IdentityTestApp,
  type Partner,
  teamMember,
} from './helpers.ts';

let t: IdentityTestApp;
let a: Partner;
let b: Partner;
let bMember: Partner;
let aMember: Partner;
const ids = {
  bSession: 0,
  bMemberSession: 0,
  bKey: 0,
  bEvent: 0,
  bCampaign: 0,
  bPromo: 0,
  bPrivateLink: 0,
  aCustomer: 0,
  bCustomer: 0,
  aCoupon: 0,
  bCoupon: 0,
  bPlan: 0,
  bCampaignPlan: 0,
  bCommission: 0,
  aPostback: 0,
  bPostback: 0,
  bDelivery: 0,
  bCashOut: 0,
  bBill: 0,
  bPaymentMethod: 0,
  bBankMethod: 0,
  bSchedule: 0,
  bFavorite: 0,
  bRequested: 0,
  bInquiry: 0,
  bFile: 0,
  bMessage: 0,
  draftNews: 0,
  bSite: 0,
  bDocument: 0,
};
let publicLink = 0;
let aCampaign = 0;

beforeAll(async () => {
  t = await createIdentityApp();
  a = await approvedPartner(t, 'tenanta');
  b = await approvedPartner(t, 'tenantb');
  aMember = await teamMember(t, a, 'membera');
  bMember = await teamMember(t, b, 'memberb');
  await t.db
    .updateTable('affiliates')
    .set({ api_access_enabled: true })
    .where('id', 'in', [a.affiliateId, b.affiliateId])
    .execute();
  const bApi = (method: 'GET' | 'POST', url: string, payload?: object) =>
    t.as(b.cookie, { method, url: `/api/partner/v1${url}`, ...(payload ? { payload } : {}) });
  ids.bKey = (await bApi('POST', '/api-keys', { name: 'b key' })).json().api_key.id;
  await bApi('POST', '/profile/statistic-token');
  await bApi('POST', `/users/${bMember.userId}/statistic-token`);
  ids.bSession = (await bApi('GET', '/sessions')).json().data[0].id;
  ids.bFavorite = (
    await bApi('POST', '/reports/favorites', {
      name: 'B feed',
      report: { group_by: ['day'] },
      dates: { period: 'today' },
    })
  ).json().id;
  ids.bRequested = (
    await bApi('POST', '/reports/requested', {
      format: 'xlsx',
      query: { from: '2026-01-01', to: '2026-01-02', group_by: ['day'] },
    })
  ).json().id;
  ids.bMemberSession = (await bApi('GET', `/users/${bMember.userId}/sessions`)).json().data[0].id;
  ids.bEvent = (await bApi('GET', '/events')).json().data[0].id;

  // Tracking: a brand with a public link and one private to B; B's campaign with a promo on it.
  const op = (url: string, payload: object) =>
    t.call(t.admin, { method: 'POST', url: `/api/v1${url}`, payload });
  const brand = (await op('/brands', { name: 'Lucky', base_currency: 'EUR' })).json().id;
  const home = { brand_id: brand, name: 'Home', url: 'https://lucky.example/' };
  publicLink = (await op('/destination-links', home)).json().id;
  const vip = { ...home, name: 'VIP', url: 'https://lucky.example/vip', is_public: false };
  ids.bPrivateLink = (
    await op('/destination-links', { ...vip, private_affiliate_ids: [b.affiliateId] })
  ).json().id;
  ids.bCampaign = (await bApi('POST', '/campaigns', { brand_id: brand, name: 'B main' })).json().id;
  const promo = await bApi('POST', `/campaigns/${ids.bCampaign}/promos`, {
    destination_link_id: ids.bPrivateLink,
  });
  expect(promo.statusCode, promo.body).toBe(201);
  ids.bPromo = promo.json().id;
  const mine = await t.as(a.cookie, {
    method: 'POST',
    url: '/api/partner/v1/campaigns',
    payload: { brand_id: brand, name: 'A main' },
  });
  aCampaign = mine.json().id;

  // Events: a customer and a coupon code of each.
  const events = await t.apiKey(['events']);
  const customerOf = async (affiliateId: number, who: string, occurredAt = new Date(Date.now() - 60_000)) => {
    const res = await t.call(events, {
      method: 'POST',
      url: '/api/v1/events',
      payload: {
        type: 'registration',
        event_id: `tenant-${who}`,
        brand_id: brand,
        customer_id: `tenant-player-${who}`,
        occurred_at: occurredAt.toISOString(),
        affiliate_id: affiliateId,
      },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().event.customer_ref as number;
  };
  ids.aCustomer = await customerOf(a.affiliateId, 'a');
  ids.bCustomer = await customerOf(b.affiliateId, 'b');
  const couponOf = async (affiliateId: number, code: string) =>
    (await op('/coupon-codes', { brand_id: brand, code, affiliate_id: affiliateId })).json().id as number;
  ids.aCoupon = await couponOf(a.affiliateId, 'TENANT-A');
  ids.bCoupon = await couponOf(b.affiliateId, 'TENANT-B');

  // Commission plans: one private to B and assigned to it, one private to B on B's campaign.
  const planOf = async (name: string) =>
    (
      await op('/commission-plans', {
        name,
        brand_id: brand,
        currency: 'EUR',
        is_private: true,
        private_affiliate_ids: [b.affiliateId],
        definition: { cpl: { amount: 500 } },
      })
    ).json().id as number;
  ids.bPlan = await planOf('B only');
  ids.bCampaignPlan = await planOf('B campaign');
  const assign = await t.call(t.admin, {
    method: 'PUT',
    url: `/api/v1/affiliates/${b.affiliateId}/commission-plan`,
    payload: { plan_id: ids.bPlan },
  });
  expect(assign.statusCode, assign.body).toBe(201);
  const onCampaign = await t.call(t.admin, {
    method: 'PATCH',
    url: `/api/v1/campaigns/${ids.bCampaign}`,
    payload: { commission_plan_id: ids.bCampaignPlan },
  });
  expect(onCampaign.statusCode, onCampaign.body).toBe(200);
  // A lead of B under B's plan, registered after the plan was assigned (an assignment applies
  // to what is earned from its date on): the engine pays B its CPL.
  const lead = await customerOf(b.affiliateId, 'b-lead', new Date());
  const cpl = await t.db
    .selectFrom('commissions')
    .select('id')
    .where('customer_id', '=', BigInt(lead))
    .executeTakeFirstOrThrow();
  ids.bCommission = Number(cpl.id);

  // Postbacks: one of each, and a failed delivery of B's with its logged attempt.
  const postbackOf = async (affiliateId: number) =>
    (
      await op('/postbacks', {
        affiliate_id: affiliateId,
        scope: 'account',
        trigger: 'registration',
        url: 'https://tracker.example.com/pb?c=${click_id}',
      })
    ).json().id as number;
  ids.aPostback = await postbackOf(a.affiliateId);
  ids.bPostback = await postbackOf(b.affiliateId);
  const delivery = await t.db
    .insertInto('postback_deliveries')
    .values({
      definition_id: ids.bPostback,
      affiliate_id: b.affiliateId,
      trigger: 'registration',
      delivery: 's2s_get',
      method: 'GET',
      url: 'https://tracker.example.com/pb?c=b',
      state: 'failed',
      attempts: 8,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  ids.bDelivery = Number(delivery.id);
  await t.db
    .insertInto('postback_attempts')
    .values({
      delivery_id: delivery.id,
      definition_id: ids.bPostback,
      affiliate_id: b.affiliateId,
      trigger: 'registration',
      attempted_at: new Date(),
      method: 'GET',
      url: 'https://tracker.example.com/pb?c=b',
      attempt: 8,
      outcome: 'failed',
      response_code: 500,
    })
    .execute();
  // B's money: funded, with a pending cash-out to its payment method.
  const details = JSON.stringify({ email: 'tenantb@skrill.test' });
  await t.db
    .insertInto('affiliate_payment_methods')
    .values({ affiliate_id: b.affiliateId, type: 'skrill', details })
    .onConflict((oc) => oc.column('affiliate_id').doUpdateSet({ type: 'skrill', details }))
    .execute();
  const money = { amount: 100_00, currency: 'EUR', description: 'B money', order_id: 'authz-b' };
  await fundAffiliate({ db: t.db, actor: SYSTEM, affiliateId: b.affiliateId, input: money });
  const cashOut = { currency: 'EUR', amount: 20_00 };
  ids.bCashOut = (
    await requestCashOut({ db: t.db, actor: SYSTEM, affiliateId: b.affiliateId, input: cashOut })
  ).cashOut.id;
  ids.bBill = await seedBill(t.db, b.affiliateId);
  // B's wallet: a Skrill method with a schedule, a bank account with a statement (A gets the same).
  await fundAffiliate({
    db: t.db,
    actor: SYSTEM,
    affiliateId: a.affiliateId,
    input: { ...money, order_id: 'authz-a' },
  });
  const wallets = await seedWallets(t, t.app.deps.config.dataDir, a.affiliateId, b.affiliateId);
  ids.bPaymentMethod = wallets.bPaymentMethodId;
  ids.bBankMethod = wallets.bBankMethodId;
  ids.bSchedule = wallets.bScheduleId;
  const correspondence = await seedCorrespondence(t, t.app.deps.config.dataDir, a.affiliateId, b.affiliateId);
  ids.bInquiry = correspondence.bInquiryId;
  ids.bFile = correspondence.bFileId;
  ids.bMessage = correspondence.bMessageId;
  // News names no affiliate: what A must not reach is a draft, answered like a missing item.
  ids.draftNews = (
    await t.call(t.admin, {
      method: 'POST',
      url: '/api/v1/news',
      payload: { title: 'Matrix draft', body: 'Not yet' },
    })
  ).json().id;
  const sitesWorld = await seedSites(t, a.affiliateId, b.affiliateId);
  ids.bSite = sitesWorld.bSiteId;
  ids.bDocument = sitesWorld.bDocumentId;
}, 180_000);
afterAll(() => t.close());

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';
interface Attempt {
  method: Method;
  /** The route as OpenAPI names it. */
  route: string;
  url: () => string;
  payload?: () => object;
}

const CROSS: Attempt[] = [
  { method: 'GET', route: '/users/{id}', url: () => `/users/${b.userId}` },
  { method: 'GET', route: '/users/{id}', url: () => `/users/${bMember.userId}` },
  {
    method: 'PATCH',
    route: '/users/{id}',
    url: () => `/users/${bMember.userId}`,
    payload: () => ({ status: 'blocked' }),
  },
  {
    method: 'PATCH',
    route: '/users/{id}',
    url: () => `/users/${bMember.userId}`,
    payload: () => ({ locked: false }),
  },
  { method: 'GET', route: '/users/{id}/sessions', url: () => `/users/${bMember.userId}/sessions` },
  {
    method: 'DELETE',
    route: '/users/{id}/sessions/{session_id}',
    url: () => `/users/${bMember.userId}/sessions/${ids.bMemberSession}`,
  },
  // A's own member with B's session id: the pair must belong together.
  {
    method: 'DELETE',
    route: '/users/{id}/sessions/{session_id}',
    url: () => `/users/${aMember.userId}/sessions/${ids.bMemberSession}`,
  },
  {
    method: 'POST',
    route: '/users/{id}/statistic-token',
    url: () => `/users/${bMember.userId}/statistic-token`,
  },
  {
    method: 'DELETE',
    route: '/users/{id}/statistic-token',
    url: () => `/users/${bMember.userId}/statistic-token`,
  },
  { method: 'DELETE', route: '/sessions/{id}', url: () => `/sessions/${ids.bSession}` },
  { method: 'DELETE', route: '/api-keys/{id}', url: () => `/api-keys/${ids.bKey}` },
  {
    method: 'POST',
    route: '/api-keys',
    url: () => '/api-keys',
    payload: () => ({ name: 'as b', user_id: bMember.userId }),
  },
  { method: 'GET', route: '/events/{id}', url: () => `/events/${ids.bEvent}` },
  { method: 'GET', route: '/events', url: () => `/events?user_id=${b.userId}` },
  { method: 'GET', route: '/campaigns/{id}', url: () => `/campaigns/${ids.bCampaign}` },
  {
    method: 'PATCH',
    route: '/campaigns/{id}',
    url: () => `/campaigns/${ids.bCampaign}`,
    payload: () => ({ name: 'Mine' }),
  },
  { method: 'POST', route: '/campaigns/{id}/archive', url: () => `/campaigns/${ids.bCampaign}/archive` },
  { method: 'POST', route: '/campaigns/{id}/unarchive', url: () => `/campaigns/${ids.bCampaign}/unarchive` },
  { method: 'GET', route: '/campaigns/{id}/promos', url: () => `/campaigns/${ids.bCampaign}/promos` },
  {
    method: 'POST',
    route: '/campaigns/{id}/promos',
    url: () => `/campaigns/${ids.bCampaign}/promos`,
    payload: () => ({ destination_link_id: publicLink }),
  },
  {
    method: 'GET',
    route: '/campaigns/{id}/promo-options',
    url: () => `/campaigns/${ids.bCampaign}/promo-options`,
  },
  { method: 'GET', route: '/promos/{id}', url: () => `/promos/${ids.bPromo}` },
  {
    method: 'PATCH',
    route: '/promos/{id}',
    url: () => `/promos/${ids.bPromo}`,
    payload: () => ({ title: 'Mine' }),
  },
  { method: 'GET', route: '/customers/{id}', url: () => `/customers/${ids.bCustomer}` },
  { method: 'GET', route: '/cash-outs/{id}', url: () => `/cash-outs/${ids.bCashOut}` },
  { method: 'GET', route: '/bills/{id}', url: () => `/bills/${ids.bBill}` },
  { method: 'GET', route: '/bills/{id}/pdf', url: () => `/bills/${ids.bBill}/pdf` },
  { method: 'GET', route: '/bills/{id}/statement', url: () => `/bills/${ids.bBill}/statement` },
  { method: 'GET', route: '/bills/{id}/statement/pdf', url: () => `/bills/${ids.bBill}/statement/pdf` },
  {
    method: 'POST',
    route: '/cash-outs/{id}/cancel',
    url: () => `/cash-outs/${ids.bCashOut}/cancel`,
    payload: () => ({}),
  },
  { method: 'DELETE', route: '/payment-methods/{id}', url: () => `/payment-methods/${ids.bPaymentMethod}` },
  {
    method: 'GET',
    route: '/payment-methods/{id}/bank-statements',
    url: () => `/payment-methods/${ids.bBankMethod}/bank-statements`,
  },
  {
    method: 'POST',
    route: '/payment-methods/{id}/bank-statements',
    url: () => `/payment-methods/${ids.bBankMethod}/bank-statements`,
    payload: () => ({ file_name: 's.pdf', content_base64: Buffer.from('%PDF-1.4\n').toString('base64') }),
  },
  { method: 'DELETE', route: '/cash-out-schedules/{id}', url: () => `/cash-out-schedules/${ids.bSchedule}` },
  { method: 'GET', route: '/postbacks/{id}', url: () => `/postbacks/${ids.bPostback}` },
  {
    method: 'PATCH',
    route: '/postbacks/{id}',
    url: () => `/postbacks/${ids.bPostback}`,
    payload: () => ({ status: 'inactive' }),
  },
  { method: 'DELETE', route: '/postbacks/{id}', url: () => `/postbacks/${ids.bPostback}` },
  {
    method: 'POST',
    route: '/postbacks/{id}/test-fire',
    url: () => `/postbacks/${ids.bPostback}/test-fire`,
    payload: () => ({}),
  },
  {
    method: 'POST',
    route: '/postbacks/{id}/replay',
    url: () => `/postbacks/${ids.bPostback}/replay`,
    payload: () => ({}),
  },
  {
    method: 'POST',
    route: '/postbacks/preview',
    url: () => '/postbacks/preview',
    payload: () => ({ id: ids.bPostback }),
  },
  {
    method: 'POST',
    route: '/postback-deliveries/{id}/replay',
    url: () => `/postback-deliveries/${ids.bDelivery}/replay`,
  },
  { method: 'GET', route: '/reports/favorites/{id}', url: () => `/reports/favorites/${ids.bFavorite}` },
  {
    method: 'PATCH',
    route: '/reports/favorites/{id}',
    url: () => `/reports/favorites/${ids.bFavorite}`,
    payload: () => ({ name: 'Mine' }),
  },
  { method: 'DELETE', route: '/reports/favorites/{id}', url: () => `/reports/favorites/${ids.bFavorite}` },
  { method: 'GET', route: '/reports/requested/{id}', url: () => `/reports/requested/${ids.bRequested}` },
  {
    method: 'PATCH',
    route: '/reports/requested/{id}',
    url: () => `/reports/requested/${ids.bRequested}`,
    payload: () => ({ name: 'Mine' }),
  },
  {
    method: 'GET',
    route: '/reports/requested/{id}/download',
    url: () => `/reports/requested/${ids.bRequested}/download?as=xlsx`,
  },
  { method: 'GET', route: '/inquiries/{id}', url: () => `/inquiries/${ids.bInquiry}` },
  {
    method: 'POST',
    route: '/inquiries/{id}/answer',
    url: () => `/inquiries/${ids.bInquiry}/answer`,
    payload: () => ({ body: 'Mine', files: [{ file_name: 'x.pdf', content_base64: 'JVBERi0xLjQK' }] }),
  },
  { method: 'GET', route: '/correspondence-files/{id}', url: () => `/correspondence-files/${ids.bFile}` },
  {
    method: 'POST',
    route: '/messages/{id}/read',
    url: () => `/messages/${ids.bMessage}/read`,
    payload: () => ({}),
  },
  { method: 'GET', route: '/news/{id}', url: () => `/news/${ids.draftNews}` },
  { method: 'GET', route: '/sites/{id}', url: () => `/sites/${ids.bSite}` },
  {
    method: 'PATCH',
    route: '/sites/{id}',
    url: () => `/sites/${ids.bSite}`,
    payload: () => ({ name: 'Mine' }),
  },
  { method: 'GET', route: '/documents/{id}/file', url: () => `/documents/${ids.bDocument}/file` },
  { method: 'DELETE', route: '/documents/{id}', url: () => `/documents/${ids.bDocument}` },
];

/** Routes that name no resource: they act on the caller itself (checked below to show A's data only). */
const OWN_DATA_ONLY = [
  'POST /auth/sign-in',
  'POST /auth/sso',
  'POST /auth/sign-out',
  'GET /auth/me',
  'POST /auth/password/forgot',
  'POST /auth/password/set',
  'POST /auth/unlock',
  'POST /sign-up',
  'GET /program',
  'GET /countries',
  'GET /currencies',
  'GET /traffic-sources',
  'GET /profile',
  'PATCH /profile',
  'GET /terms',
  'POST /terms/accept',
  'POST /profile/password',
  'POST /profile/statistic-token',
  'DELETE /profile/statistic-token',
  'GET /two-factor',
  'POST /two-factor/setup',
  'POST /two-factor/confirm',
  'POST /two-factor/disable',
  'POST /two-factor/verify',
  'POST /two-factor/recovery-codes',
  'GET /sessions',
  'GET /users',
  'POST /users',
  'GET /api-keys',
  'GET /events',
  'GET /campaigns',
  'POST /campaigns',
  'GET /brands',
  'GET /destination-links',
  'GET /media',
  'GET /referral-link',
  'GET /click-counts',
  'GET /click-counts/{subject}',
  'GET /customers',
  'GET /coupon-codes',
  'GET /commission-plans',
  'GET /balances',
  'GET /balance-transactions',
  'GET /closing-balances',
  'GET /cash-outs',
  'POST /cash-outs',
  'GET /bills',
  'GET /history/chain',
  'GET /payment-methods',
  'POST /payment-methods',
  'GET /cash-out-schedules',
  'POST /cash-out-schedules',
  'GET /commissions',
  'GET /postback-variables',
  'GET /postbacks',
  'POST /postbacks',
  'GET /postback-log',
  'GET /postback-log.csv',
  'GET /sub-affiliates',
  'POST /reports/sub-affiliates',
  'POST /reports/sub-affiliates/export',
  'POST /reports/performance',
  'GET /reports/columns',
  'GET /reports/favorites',
  'POST /reports/favorites',
  'POST /reports/performance/export',
  'GET /reports/feeds/{id}',
  'GET /reports/requested',
  'POST /reports/requested',
  'GET /inquiries',
  'GET /messages',
  'GET /messages/unread-count',
  'POST /messages',
  'POST /messages/read',
  'GET /news',
  'GET /contacts',
  'GET /site-categories',
  'GET /sites',
  'POST /sites',
  'GET /documents',
  'POST /documents',
];

/** The reason a caller is refused a whole route (before any resource is looked up). */
const ROUTE_REFUSALS: Record<string, string> = { member: 'owner_required', apiKey: 'session_required' };

/** Everything of B an attempt could have touched. */
async function stateOfB() {
  const users = await t.db
    .selectFrom('affiliate_users')
    .select(['id', 'status', 'locked_at', 'statistic_token', 'totp_enabled_at', 'password_hash'])
    .where('affiliate_id', '=', b.affiliateId)
    .orderBy('id')
    .execute();
  const sessions = await t.db
    .selectFrom('affiliate_sessions')
    .select('id')
    .where(
      'affiliate_user_id',
      'in',
      users.map((u) => u.id),
    )
    .orderBy('id')
    .execute();
  const keys = await t.db
    .selectFrom('affiliate_api_keys')
    .select(['id', 'revoked_at', 'affiliate_user_id'])
    .orderBy('id')
    .execute();
  const events = await t.db
    .selectFrom('affiliate_events')
    .select('id')
    .where('affiliate_id', '=', b.affiliateId)
    .execute();
  const campaigns = await t.db
    .selectFrom('campaigns')
    .selectAll()
    .where('affiliate_id', '=', b.affiliateId)
    .execute();
  const promos = await t.db
    .selectFrom('promos')
    .selectAll()
    .where('campaign_id', '=', ids.bCampaign)
    .execute();
  const customers = await t.db
    .selectFrom('customers')
    .selectAll()
    .where('affiliate_id', '=', b.affiliateId)
    .execute();
  const coupons = await t.db
    .selectFrom('coupon_codes')
    .selectAll()
    .where('affiliate_id', '=', b.affiliateId)
    .execute();
  const postbacks = await t.db
    .selectFrom('postback_definitions')
    .selectAll()
    .where('affiliate_id', '=', b.affiliateId)
    .execute();
  const deliveries = await t.db
    .selectFrom('postback_deliveries')
    .selectAll()
    .where('affiliate_id', '=', b.affiliateId)
    .execute();
  const cashOuts = await t.db
    .selectFrom('cash_outs')
    .selectAll()
    .where('affiliate_id', '=', b.affiliateId)
    .execute();
  const accounts = await t.db
    .selectFrom('ledger_accounts')
    .selectAll()
    .where('affiliate_id', '=', b.affiliateId)
    .orderBy('id')
    .execute();
  const wallet = await t.db
    .selectFrom('wallet_payment_methods')
    .selectAll()
    .where('affiliate_id', '=', b.affiliateId)
    .orderBy('id')
    .execute();
  const statements = await t.db
    .selectFrom('wallet_bank_statements')
    .selectAll()
    .where('affiliate_id', '=', b.affiliateId)
    .orderBy('id')
    .execute();
  const schedules = await t.db
    .selectFrom('cash_out_schedules')
    .selectAll()
    .where('affiliate_id', '=', b.affiliateId)
    .execute();
  const favorites = await t.db
    .selectFrom('report_favorites')
    .selectAll()
    .where('affiliate_id', '=', b.affiliateId)
    .orderBy('id')
    .execute();
  const requested = await t.db
    .selectFrom('requested_reports')
    .selectAll()
    .where('affiliate_id', '=', b.affiliateId)
    .orderBy('id')
    .execute();
  const inquiries = await t.db
    .selectFrom('inquiries')
    .selectAll()
    .where('affiliate_id', '=', b.affiliateId)
    .orderBy('id')
    .execute();
  const inquiryAnswers = await t.db
    .selectFrom('inquiry_answers')
    .selectAll()
    .where('affiliate_id', '=', b.affiliateId)
    .orderBy('id')
    .execute();
  const files = await t.db
    .selectFrom('correspondence_files')
    .selectAll()
    .where('affiliate_id', '=', b.affiliateId)
    .orderBy('id')
    .execute();
  const messages = await t.db
    .selectFrom('messages')
    .selectAll()
    .where('affiliate_id', '=', b.affiliateId)
    .orderBy('id')
    .execute();
  const sites = await t.db
    .selectFrom('affiliate_sites')
    .selectAll()
    .where('affiliate_id', '=', b.affiliateId)
    .orderBy('id')
    .execute();
  const documents = await t.db
    .selectFrom('affiliate_documents')
    .selectAll()
    .where('affiliate_id', '=', b.affiliateId)
    .orderBy('id')
    .execute();
  return {
    documents,
    sites,
    messages,
    inquiries,
    inquiryAnswers,
    files,
    favorites,
    requested,
    wallet,
    statements,
    schedules,
    cashOuts,
    accounts,
    users,
    sessions,
    customers,
    coupons,
    postbacks,
    deliveries,
    keys: keys.filter((k) => users.some((u) => u.id === k.affiliate_user_id)),
    events: events.length,
    campaigns,
    promos,
  };
}

describe('affiliate A against affiliate B', () => {
  it('lists every partner route here', async () => {
    const spec = (await t.app.inject({ url: '/openapi.json' })).json();
    const routes: string[] = [];
    for (const [path, ops] of Object.entries(spec.paths as Record<string, object>)) {
      if (!path.startsWith('/api/partner/v1/')) continue;
      for (const method of Object.keys(ops))
        routes.push(`${method.toUpperCase()} ${path.slice('/api/partner/v1'.length)}`);
    }
    expect(routes.length).toBeGreaterThan(25);
    const known = new Set([...OWN_DATA_ONLY, ...CROSS.map((c) => `${c.method} ${c.route}`)]);
    expect(
      routes.filter((r) => !known.has(r)),
      'partner routes without cross-affiliate attempts',
    ).toEqual([]);
  });

  it('answers 404 to every attempt, through a session and an API key, and B is unchanged', async () => {
    const before = await stateOfB();
    const aKey = (
      await t.as(a.cookie, { method: 'POST', url: '/api/partner/v1/api-keys', payload: { name: 'a key' } })
    ).json().key;
    const callers = {
      owner: (o: object) => t.as(a.cookie, o),
      member: (o: object) => t.as(aMember.cookie, o),
      apiKey: (o: object) => t.app.inject({ ...o, headers: { authorization: `Bearer ${aKey}` } }),
    };
    for (const attempt of CROSS) {
      for (const [who, call] of Object.entries(callers)) {
        const res = await call({
          method: attempt.method,
          url: `/api/partner/v1${attempt.url()}`,
          ...(attempt.payload ? { payload: attempt.payload() } : {}),
        });
        const where = `${who} ${attempt.method} ${attempt.url()}: ${res.statusCode} ${res.body}`;
        // Another affiliate's resource answers 404 like a missing one. Only a route the caller
        // may not use at all (owner-only for a member, session-only for an API key) answers 403
        // first, with that reason, and never to the owner's session.
        const routeRefusal = ROUTE_REFUSALS[who];
        if (res.statusCode === 403 && routeRefusal) {
          expect(res.json().error.details?.reason, where).toBe(routeRefusal);
        } else expect(res.statusCode, where).toBe(404);
      }
    }
    expect(await stateOfB()).toEqual(before);
  });

  it("shows only A's own data on the routes that name no resource", async () => {
    const get = async (url: string) => (await t.as(a.cookie, { url: `/api/partner/v1${url}` })).json();
    const bUsers = [b.userId, bMember.userId];
    expect((await get('/users')).data.map((u: { id: number }) => u.id).sort()).toEqual(
      [a.userId, aMember.userId].sort(),
    );
    for (const e of (await get('/events?limit=200')).data) {
      expect(bUsers).not.toContain(e.user?.id);
      expect(e.id).not.toBe(ids.bEvent);
    }
    expect((await get('/api-keys')).data.map((k: { id: number }) => k.id)).not.toContain(ids.bKey);
    expect((await get('/sessions')).data.map((s: { id: number }) => s.id)).not.toContain(ids.bSession);
    expect(await get('/auth/me')).toMatchObject({ affiliate: { id: a.affiliateId } });
    expect(await get('/profile')).toMatchObject({ id: a.userId, affiliate_id: a.affiliateId });
    // B accepting the terms in force is B's acceptance: A is still asked, and sees none of B's.
    const terms = await t.call(t.admin, {
      method: 'POST',
      url: '/api/v1/terms-versions',
      payload: { title: 'Matrix terms', body: 'Text' },
    });
    const accepted = await t.as(b.cookie, {
      method: 'POST',
      url: '/api/partner/v1/terms/accept',
      payload: { version: terms.json().version },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(await get('/terms')).toMatchObject({ acceptance_required: true, current_accepted_at: null });
    expect(
      (await get('/terms')).acceptances.map((x: { accepted_by: string }) => x.accepted_by),
    ).not.toContain(b.email);
    // B's account manager is B's: A's contacts show none, and no draft is in A's news.
    const [staff] = await t.db
      .insertInto('staff_users')
      .values({ email: `matrix-manager-${process.pid}@example.com`, name: 'B manager' })
      .returning('id')
      .execute();
    await t.db
      .updateTable('affiliates')
      .set({ account_manager_id: staff!.id })
      .where('id', '=', b.affiliateId)
      .execute();
    expect((await t.as(b.cookie, { url: '/api/partner/v1/contacts' })).json().manager).toMatchObject({
      name: 'B manager',
    });
    expect((await get('/contacts')).manager).toBeNull();
    expect((await get('/news?page_size=500')).data.map((n: { id: number }) => n.id)).not.toContain(
      ids.draftNews,
    );
    // Fields naming another affiliate are not part of any body: they are refused, not obeyed.
    const sneaky = await t.as(a.cookie, {
      method: 'PATCH',
      url: '/api/partner/v1/profile',
      payload: { affiliate_id: b.affiliateId, first_name: 'X' },
    });
    expect(sneaky.statusCode).toBe(422);
    const sneakyUser = await t.as(a.cookie, {
      method: 'POST',
      url: '/api/partner/v1/users',
      payload: { email: 'sneaky@example.com', affiliate_id: b.affiliateId },
    });
    expect(sneakyUser.statusCode).toBe(422);

    // Tracking: B's campaigns stay out of A's lists and filters, B's private link out of A's options.
    expect(await get(`/campaigns?id=${ids.bCampaign}&tab=all`)).toEqual({
      data: [],
      paging: { page: 1, page_size: 50, total: 0 },
    });
    const links = (await get('/destination-links')).data.map((l: { id: number }) => l.id);
    expect(links).toEqual([publicLink]);
    const usePrivate = await t.as(a.cookie, {
      method: 'POST',
      url: `/api/partner/v1/campaigns/${aCampaign}/promos`,
      payload: { destination_link_id: ids.bPrivateLink },
    });
    expect(usePrivate.statusCode).toBe(422);
    expect(usePrivate.json().error.details.fields[0].path).toBe('destination_link_id');
    expect((await get('/referral-link')).affiliate_id).toBe(a.affiliateId);

    // Click counts: B's campaigns and promos are left out like missing ones; A's own are there.
    expect((await get(`/click-counts/campaigns?id=${ids.bCampaign}`)).data).toEqual([]);
    expect((await get(`/click-counts/promos?id=${ids.bPromo}`)).data).toEqual([]);
    const counted = await get(`/click-counts/campaigns?id=${ids.bCampaign}&id=${aCampaign}`);
    expect(counted.data.map((c: { id: number }) => c.id)).toEqual([aCampaign]);
    expect((await get('/click-counts')).counts).toBeDefined();

    // Customers and coupon codes: A's own only, whatever A filters on.
    const customers = await get('/customers');
    expect(customers.data.map((c: { id: number }) => c.id)).toEqual([ids.aCustomer]);
    expect(customers.paging.total).toBe(1);
    expect(await get(`/customers?campaign_id=${ids.bCampaign}`)).toMatchObject({
      data: [],
      paging: { total: 0 },
    });
    expect(await get(`/customers?promo_id=${ids.bPromo}`)).toMatchObject({ data: [], paging: { total: 0 } });
    const coupons = await get('/coupon-codes');
    expect(coupons.data.map((c: { id: number }) => c.id)).toEqual([ids.aCoupon]);
    expect(coupons.paging.total).toBe(1);
    expect((await get('/coupon-codes?q=TENANT-B')).data).toEqual([]);

    // Commission plans: never B's private plans, neither B's own nor its campaign's.
    const plans = (await get('/commission-plans')).data.map((p: { id: number }) => p.id);
    expect(plans).not.toContain(ids.bPlan);
    expect(plans).not.toContain(ids.bCampaignPlan);

    // Money: A has none, sees none of B's, and cannot withdraw B's (the body names no affiliate).
    const balances = (await get('/balances')).data;
    // A's own seeds: 100.00 EUR funded, 20.00 of it in a batched cash-out.
    expect(balances).toEqual([
      expect.objectContaining({ currency: 'EUR', available: 80_00, reserved: 20_00 }),
    ]);
    const cashOuts = (await get('/cash-outs')).data;
    expect(cashOuts.map((c: { affiliate_id: number }) => c.affiliate_id)).toEqual([a.affiliateId]);
    const methods = (await get('/payment-methods')).data;
    expect(methods.map((m: { affiliate_id: number }) => m.affiliate_id)).toEqual([
      a.affiliateId,
      a.affiliateId,
    ]);
    expect(methods.map((m: { id: number }) => m.id)).not.toContain(ids.bPaymentMethod);
    const inquiries = (await get('/inquiries')).data;
    expect(inquiries.map((i: { affiliate_id: number }) => i.affiliate_id)).toEqual([a.affiliateId]);
    const sites = (await get('/sites')).data;
    expect(sites.map((s: { affiliate_id: number }) => s.affiliate_id)).toEqual([a.affiliateId]);
    const messages = (await get('/messages')).data;
    expect(messages.map((m: { affiliate_id: number }) => m.affiliate_id)).toEqual([
      a.affiliateId,
      a.affiliateId,
    ]);
    expect((await get('/messages/unread-count')).unread).toBe(1);
    const schedules = (await get('/cash-out-schedules')).data;
    expect(schedules.map((m: { affiliate_id: number }) => m.affiliate_id)).toEqual([a.affiliateId]);
    const scheduleForB = await t.as(a.cookie, {
      method: 'POST',
      url: '/api/partner/v1/cash-out-schedules',
      payload: {
        currency: 'EUR',
        payment_method_id: ids.bPaymentMethod,
        frequency: 'daily',
        min_amount: 1000,
        max_amount: 2000,
      },
    });
    // A has no 2FA: refused before the body is looked at.
    expect(scheduleForB.statusCode).toBe(403);
    expect(await get('/closing-balances')).toMatchObject({ data: [], paging: { total: 0 } });
    const withdrawForB = await t.as(a.cookie, {
      method: 'POST',
      url: '/api/partner/v1/cash-outs',
      payload: { currency: 'EUR', amount: 20_00, affiliate_id: b.affiliateId },
    });
    expect(withdrawForB.statusCode).toBe(422);

    // Commissions: A's own only; another affiliate cannot even be named.
    const commissions = await get('/commissions');
    expect(commissions.data.map((c: { id: number }) => c.id)).not.toContain(ids.bCommission);
    expect(commissions.paging.total).toBe(0);
    const naming = await t.as(a.cookie, { url: `/api/partner/v1/commissions?affiliate_id=${b.affiliateId}` });
    expect(naming.statusCode).toBe(422);

    // Postbacks and their log: A's own only; B's campaign cannot be a scope of A's.
    const postbacks = await get('/postbacks');
    expect(postbacks.data.map((p: { id: number }) => p.id)).toEqual([ids.aPostback]);
    expect(postbacks.paging.total).toBe(1);
    const log = await get('/postback-log');
    expect(log.data).toEqual([]);
    expect(log.paging.total).toBe(0);
    const csv = await t.as(a.cookie, { url: '/api/partner/v1/postback-log.csv' });
    expect(csv.body.trim().split('\n')).toHaveLength(1);
    const onB = await t.as(a.cookie, {
      method: 'POST',
      url: '/api/partner/v1/postbacks',
      payload: {
        scope: 'campaign',
        campaign_id: ids.bCampaign,
        trigger: 'registration',
        url: 'https://t.example.com/?a=1',
      },
    });
    expect(onB.statusCode).toBe(422);
    expect(onB.json().error.details.fields).toEqual([
      { path: 'campaign_id', message: `the affiliate has no campaign ${ids.bCampaign}` },
    ]);
    const bConversion = await t.db
      .selectFrom('events')
      .select('id')
      .where('affiliate_id', '=', b.affiliateId)
      .executeTakeFirstOrThrow();
    const preview = await t.as(a.cookie, {
      method: 'POST',
      url: '/api/partner/v1/postbacks/preview',
      payload: { id: ids.aPostback, event_ref: Number(bConversion.id) },
    });
    expect(preview.statusCode).toBe(422);
  });

  it("opens none of B's favorites with A's statistic token", async () => {
    const token = (
      await t.as(a.cookie, { method: 'POST', url: '/api/partner/v1/profile/statistic-token' })
    ).json().statistic_token;
    const feed = await t.app.inject({
      url: `/api/partner/v1/reports/feeds/${ids.bFavorite}?format=json&token=${token}`,
    });
    expect(feed.statusCode).toBe(404);
  });

  it("shows A no sub-affiliate of B's, in the list, the report or its export", async () => {
    await t.db
      .updateTable('affiliates')
      .set({ referrer_id: b.affiliateId })
      .where('id', '=', a.affiliateId)
      .execute();
    try {
      const subs = await t.as(a.cookie, { url: '/api/partner/v1/sub-affiliates' });
      expect(subs.json()).toMatchObject({ data: [], paging: { total: 0 } });
      const query = { from: '2020-01-01', to: '2030-01-01', group_by: ['sub_affiliate'] };
      const report = await t.as(a.cookie, {
        method: 'POST',
        url: '/api/partner/v1/reports/sub-affiliates',
        payload: query,
      });
      expect(report.statusCode, report.body).toBe(200);
      expect(report.json()).toMatchObject({ rows: [], totals: [], total_rows: 0 });
      const exported = await t.as(a.cookie, {
        method: 'POST',
        url: '/api/partner/v1/reports/sub-affiliates/export?format=json',
        payload: query,
      });
      expect(JSON.parse(exported.body)).toMatchObject({ rows: [], totals: [] });
    } finally {
      await t.db
        .updateTable('affiliates')
        .set({ referrer_id: null })
        .where('id', '=', a.affiliateId)
        .execute();
    }
  });

  it("shows A none of B's rows in a performance report, even when A names B", async () => {
    const report = (filters: Record<string, unknown>) =>
      t.as(a.cookie, {
        method: 'POST',
        url: '/api/partner/v1/reports/performance',
        payload: {
          from: '2020-01-01',
          to: '2030-01-01',
          group_by: ['affiliate'],
          columns: ['clicks'],
          filters,
        },
      });
    const named = await report({ affiliate: [b.affiliateId] });
    expect(named.statusCode, named.body).toBe(200);
    expect(named.json()).toMatchObject({ rows: [], totals: [], total_rows: 0 });
    const all = (await report({})).json();
    expect(all.rows.filter((r: { affiliate: number }) => r.affiliate !== a.affiliateId)).toEqual([]);
  });

  it("keeps B's events out of A's log in the operator API too", async () => {
    const res = await t.call(t.admin, { url: `/api/v1/affiliates/${a.affiliateId}/events?limit=200` });
    expect(res.json().data.map((e: { id: number }) => e.id)).not.toContain(ids.bEvent);
  });
});
