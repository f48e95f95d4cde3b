/**
 * THE bad-input suite: every operation of the live /openapi.json gets malformed path ids, query
 * values, bodies and headers (wrong types, nulls, missing and unknown fields, huge and deep
 * values, NUL, lone surrogates, control characters, injection strings, odd ids such as +1, 0x10,
 * 1e400). Nothing may answer 5xx; what the schema (or the platform's rules on text) refuses must
 * be a 4xx that leaves every table's row count as it was, and an unauthenticated call to a secured
 * operation is exactly 401 whatever its body. New routes are covered as soon as they are in the
 * document. Requests carry an admin API key (operator API) or the owner's portal session (partner
 * API), so they get past authentication to validation and the handler.
 */
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';
import { portalCookie } from '../identity/helpers.ts';
import { changedTables, rowCounts } from './support/database-state.ts';
import { type Ids, type Operation, openApi, operations, sample } from './support/openapi.ts';
import { headerVariants, multipartVariants } from './support/transport-variants.ts';
import {
  bodyText,
  bodyVariants,
  fillPath,
  pathVariants,
  queryVariants,
  type Variant,
} from './support/variants.ts';
import { createWorld, excerpt, partnerSignIn, removeWorld } from './support/world.ts';

const w = await createWorld();
const { t } = w;
afterAll(() => removeWorld(w));
const spec = await openApi(t.app);
const ops = operations(spec);

const partnerPath = (path: string) => path.startsWith('/api/partner/');

/** Seeded values by collection and parameter ("brands/id") or by field name ("brand_id"). */
const operatorIds: Record<string, number | string> = {
  'affiliates/id': w.b.affiliateId,
  'users/userId': w.bMember.userId,
  'affiliate-users/id': w.bMember.userId,
  'affiliate-tiers/id': w.tierId,
  'affiliate-labels/id': w.labelId,
  'traffic-sources/id': w.trafficSourceId,
  'custom-tags/id': w.tag.id,
  'values/valueId': w.tag.valueId,
  'brands/id': w.brandId,
  'destination-links/id': w.bLinkId,
  'media/id': w.bMediaId,
  'campaigns/id': w.bCampaignId,
  'promos/id': w.bPromoId,
  'events/id': w.bEvent.id,
  'imports/id': w.eventImportId,
  'customers/id': w.bEvent.customerRef,
  'coupon-codes/id': w.bCouponId,
  'commission-plans/id': w.planId,
  'cash-outs/id': w.bCashOutId,
  'bills/id': w.bBillId,
  'payment-methods/methodId': w.wallet.bPaymentMethodId,
  'bank-statements/id': w.wallet.bStatementId,
  'payout-batches/id': w.wallet.bBatchId,
  'inquiries/id': w.correspondence.bInquiryId,
  'sites/id': w.sites.bSiteId,
  'documents/id': w.sites.bDocumentId,
  'correspondence-files/id': w.correspondence.bFileId,
  'messages/id': w.correspondence.bReplyId,
  payment_method_id: w.wallet.bPaymentMethodId,
  'commissions/id': w.bCommissionId,
  'postbacks/id': w.bPostbackId,
  'af2_pixel_definitions_op/id': w.bPostbackId,
  'postback-deliveries/id': w.bDeliveryId,
  'versions/version': 1,
  'terms-versions/version': 1,
  'staff/id': w.otherStaffId,
  'api-keys/id': w.spareKeyId,
  'currencies/code': 'EUR',
  'countries/code': 'NL',
  'accounts/account_id': w.b.affiliateId,
  'inquiries/inquiry_id': w.correspondence.bInquiryId,
  'messages/message_id': w.correspondence.bReplyId,
  'autopayouts/currency': 'EUR',
  'sites/site_id': w.sites.bSiteId,
  'bank-accounts/bankaccount_id': w.wallet.bBankMethodId,
  'bank-statements/bankstatement_id': w.wallet.bStatementId,
  affiliate_id: w.b.affiliateId,
  referrer_id: w.a.affiliateId,
  brand_id: w.brandId,
  plan_id: w.planId,
  destination_link_id: w.publicLinkId,
  link_id: w.publicLinkId,
  campaign_id: w.bCampaignId,
  media_id: w.bMediaId,
  tier_id: w.tierId,
  traffic_source_id: w.trafficSourceId,
  source_id: w.trafficSourceId,
  account_manager_id: w.otherStaffId,
  account_executive_id: w.otherStaffId,
  tag_id: w.tag.id,
  value_id: w.tag.valueId,
  user_id: w.bMember.userId,
  asset_id: w.bMediaId,
};
const partnerIds: Record<string, number | string> = {
  ...operatorIds,
  'users/id': w.a.userId,
  'campaigns/id': w.aCampaignId,
  'promos/id': w.aPromoId,
  'customers/id': w.aEvent.customerRef,
  'cash-outs/id': w.aCashOutId,
  'bills/id': w.aBillId,
  'payment-methods/id': w.wallet.aBankMethodId,
  'cash-out-schedules/id': w.wallet.aScheduleId,
  'inquiries/id': w.correspondence.aInquiryId,
  'sites/id': w.sites.aSiteId,
  'documents/id': w.sites.aDocumentId,
  'correspondence-files/id': w.correspondence.aFileId,
  'messages/id': w.correspondence.aMessageId,
  payment_method_id: w.wallet.aPaymentMethodId,
  'postbacks/id': w.aPostbackId,
  'postback-deliveries/id': w.aDeliveryId,
  affiliate_id: w.a.affiliateId,
  campaign_id: w.aCampaignId,
  user_id: w.a.userId,
};
const idsFor = (op: Operation): Ids => {
  const table = partnerPath(op.path) ? partnerIds : operatorIds;
  return (name) => table[name];
};

/** The caller's credentials, renewed when an earlier variant signed out or revoked them. */
const credentials = { key: w.admin, portal: w.a.cookie };
async function freshCredentials(): Promise<void> {
  const me = await t.call(credentials.key, { url: '/api/v1/auth/me' });
  if (me.statusCode !== 200) credentials.key = await t.apiKey(['admin']);
  const partner = await t.as(credentials.portal, { url: '/api/partner/v1/auth/me' });
  if (partner.statusCode !== 200) {
    const signIn = await partnerSignIn(t, w.a.email);
    expect(signIn.statusCode, `signing A's owner in again: ${signIn.body}`).toBe(200);
    credentials.portal = portalCookie(signIn)!;
  }
}

/** Commission Factory's API takes the operator key in the query string (its security scheme). */
const queryKeyPath = (path: string) => path.startsWith('/commissionfactory/');
const withQueryKey = (url: string) => `${url}${url.includes('?') ? '&' : '?'}apiKey=${credentials.key}`;

/** Everflow's API takes the operator key in its own header (its security scheme). */
const everflowPath = (path: string) => path.startsWith('/everflow/');

/** MultiSafepay's API takes the operator key in its api_key header (or query). */
const multisafepayPath = (path: string) => path.startsWith('/multisafepay/');

function send(op: Operation, v: Variant): Promise<LightMyRequestResponse> {
  const auth: Record<string, string> = v.anonymous
    ? {}
    : partnerPath(op.path)
      ? { cookie: `affluent_portal=${credentials.portal}` }
      : everflowPath(op.path)
        ? { 'x-eflow-api-key': credentials.key }
        : multisafepayPath(op.path)
          ? { api_key: credentials.key }
          : { authorization: `Bearer ${credentials.key}` };
  return t.app.inject({
    method: op.method as 'GET',
    url: queryKeyPath(op.path) && !v.anonymous ? withQueryKey(v.url) : v.url,
    headers: { ...auth, ...v.headers },
    ...(v.payload !== undefined ? { payload: v.payload } : {}),
  });
}

function variantsOf(op: Operation): Variant[] {
  const ids = idsFor(op);
  const json = op.body?.type === 'application/json';
  const badBody = json ? bodyText({ zz_unknown: 'a\u0000b' }) : undefined;
  return [
    ...pathVariants(spec, op, ids, json ? bodyText(sample(spec, op.body!.schema, 'body', ids)) : undefined),
    ...queryVariants(spec, op, ids),
    ...(json ? bodyVariants(spec, op, ids) : []),
    ...(op.body?.type.startsWith('multipart/') ? multipartVariants(fillPath(op, spec, ids)) : []),
    ...headerVariants(op, fillPath(op, spec, ids), badBody),
  ];
}

const is4xx = (status: number) => status >= 400 && status < 500;

describe('bad input to every operation of /openapi.json', () => {
  it('finds the operations in the document', () => {
    expect(ops.length).toBeGreaterThan(100);
    expect(ops.some((op) => op.body?.type.startsWith('multipart/'))).toBe(true);
  });

  for (const op of ops) {
    it(`${op.method} ${op.path}`, { timeout: 120_000 }, async () => {
      await freshCredentials();
      const variants = variantsOf(op);
      const failures: string[] = [];
      const line = (v: Variant, res: LightMyRequestResponse, what: string) =>
        `${op.method} ${v.url.slice(0, 120)} [${v.name}] ${what}: ${excerpt(res)}`;

      // The refused ones first, with one count of every table around all of them.
      const before = await rowCounts(t.db);
      for (const v of variants.filter((x) => x.verdict === 'no')) {
        const res = await send(op, v);
        if (v.anonymous && op.secured && res.statusCode !== 401) failures.push(line(v, res, 'expected 401'));
        else if (!is4xx(res.statusCode)) failures.push(line(v, res, 'expected 4xx'));
      }
      const middle = await rowCounts(t.db);
      const changed = changedTables(before, middle);
      if (changed.length)
        failures.push(`${op.method} ${op.path} refused variants changed row counts: ${changed}`);

      // Those the schema may accept must not fail; when every one of them is refused, they too
      // must leave the row counts as they were.
      const maybe = variants.filter((x) => x.verdict === 'maybe');
      let refused = 0;
      for (const v of maybe) {
        const res = await send(op, v);
        if (res.statusCode >= 500) failures.push(line(v, res, 'expected no 5xx'));
        if (is4xx(res.statusCode)) refused++;
      }
      const changedByMaybe = changedTables(middle, await rowCounts(t.db));
      if (maybe.length && refused === maybe.length && changedByMaybe.length) {
        failures.push(
          `${op.method} ${op.path} variants all refused with 4xx changed row counts: ${changedByMaybe}`,
        );
      }
      expect(failures, `${failures.length} of ${variants.length} variants:\n${failures.join('\n')}`).toEqual(
        [],
      );
    });
  }
});
