import { sql, type Transaction } from 'kysely';
import type { DB } from '../../../db/schema.ts';
import type { FraudRuleName } from '../../../db/tables/events.ts';
import type { AttributionLookups } from '../attribution/attribution-types.ts';
import type { EventInput } from '../event-input.ts';
import type { DuplicateField, FraudRule } from '../fraud/check-fraud.ts';
import { hashEmail } from './parse-event.ts';

const uniq = <T>(values: (T | null | undefined)[]): T[] => [
  ...new Set(values.filter((v): v is T => v != null)),
];

/** Clicks, coupon codes, promos, campaigns and affiliates the batch's hints and customers name. */
export async function loadAttributionLookups(
  trx: Transaction<DB>,
  inputs: EventInput[],
  bound: { affiliate_id: number | null; campaign_id: number | null; click_id: string | null }[],
): Promise<AttributionLookups> {
  // The bound customers' clicks too: a last-click takeover compares a new click with them.
  const clickIds = uniq([...inputs.map((i) => i.hints.click_id), ...bound.map((b) => b.click_id)]);
  const codes = inputs.filter((i) => i.hints.coupon_code);
  const clicks = clickIds.length
    ? await trx
        .selectFrom('clicks')
        .select([
          'id',
          'clicked_at',
          'brand_id',
          'promo_id',
          'campaign_id',
          'affiliate_id',
          'sub1',
          'sub2',
          'sub3',
          'sub4',
          'sub5',
          'params',
          'is_bot',
          'country',
          'ip',
        ])
        // One array parameter: a batch names hundreds of clicks (its hints and its bound
        // customers'), which as a list cost a bind parameter each and a longer plan.
        .where(sql<boolean>`id = any(${clickIds}::text[])`)
        .execute()
    : [];
  const coupons = codes.length
    ? await trx
        .selectFrom('coupon_codes')
        .select([
          'id',
          'brand_id',
          'code',
          'affiliate_id',
          'campaign_id',
          'promo_id',
          'valid_from',
          'valid_until',
          'enabled',
        ])
        .where('brand_id', 'in', uniq(codes.map((i) => i.brandId)))
        .where(
          sql<boolean>`lower(code) = any(${uniq(codes.map((i) => i.hints.coupon_code?.toLowerCase()))}::text[])`,
        )
        .execute()
    : [];
  const promoIds = uniq([...clicks.map((c) => c.promo_id), ...coupons.map((c) => c.promo_id)]);
  const promos = promoIds.length
    ? await trx
        .selectFrom('promos')
        .select(['id', 'code', 'enabled', 'campaign_id'])
        .where('id', 'in', promoIds)
        .execute()
    : [];
  const campaignIds = uniq([
    ...clicks.map((c) => c.campaign_id),
    ...coupons.map((c) => c.campaign_id),
    ...inputs.map((i) => i.hints.campaign_id),
    ...bound.map((b) => b.campaign_id),
  ]);
  const campaigns = campaignIds.length
    ? await trx
        .selectFrom('campaigns')
        .select(['id', 'affiliate_id', 'brand_id', 'status'])
        .where('id', 'in', campaignIds)
        .execute()
    : [];
  const affiliateIds = uniq([
    ...clicks.map((c) => c.affiliate_id),
    ...coupons.map((c) => c.affiliate_id),
    ...inputs.map((i) => i.hints.affiliate_id),
    ...bound.map((b) => b.affiliate_id),
  ]);
  const affiliates = affiliateIds.length
    ? await trx
        .selectFrom('affiliates')
        .select(['id', 'name', 'status'])
        .where('id', 'in', affiliateIds)
        .execute()
    : [];
  return {
    clicks: new Map(clicks.map((c) => [c.id, { ...c, params: (c.params ?? {}) as Record<string, unknown> }])),
    coupons: new Map(coupons.map((c) => [`${c.brand_id}:${c.code.toLowerCase()}`, c])),
    promos: new Map(promos.map((p) => [p.id, p])),
    campaigns: new Map(campaigns.map((c) => [c.id, c])),
    affiliates: new Map(affiliates.map((a) => [a.id, a])),
  };
}

/** Each brand's fraud rules that are switched on. */
export async function loadFraudRules(
  trx: Transaction<DB>,
  brandIds: number[],
): Promise<Map<number, Map<FraudRuleName, FraudRule>>> {
  if (brandIds.length === 0) return new Map();
  const rows = await trx
    .selectFrom('fraud_rules')
    .select(['brand_id', 'rule', 'mode', 'params'])
    .where('brand_id', 'in', brandIds)
    .where('mode', '!=', 'off')
    .execute();
  const byBrand = new Map<number, Map<FraudRuleName, FraudRule>>();
  for (const row of rows) {
    const rules = byBrand.get(row.brand_id) ?? new Map();
    rules.set(row.rule, { mode: row.mode, params: row.params ?? {} });
    byBrand.set(row.brand_id, rules);
  }
  return byBrand;
}

/** Email hashes and sign-in addresses of the affiliates' own users (self-referral). */
export async function loadAffiliateIdentities(
  trx: Transaction<DB>,
  affiliateIds: number[],
): Promise<Map<number, { emailHashes: Set<string>; ips: Set<string> }>> {
  const out = new Map<number, { emailHashes: Set<string>; ips: Set<string> }>();
  if (affiliateIds.length === 0) return out;
  const entry = (id: number) => {
    const found = out.get(id);
    if (found) return found;
    const made = { emailHashes: new Set<string>(), ips: new Set<string>() };
    out.set(id, made);
    return made;
  };
  const users = await trx
    .selectFrom('affiliate_users')
    .select(['affiliate_id', 'email', 'last_sign_in_ip'])
    .where('affiliate_id', 'in', affiliateIds)
    .execute();
  for (const u of users) {
    entry(u.affiliate_id).emailHashes.add(hashEmail(u.email));
    if (u.last_sign_in_ip) entry(u.affiliate_id).ips.add(u.last_sign_in_ip);
  }
  // Sessions opened by staff ("sign in as") are the operator's address, not the affiliate's.
  const sessions = await trx
    .selectFrom('affiliate_sessions as s')
    .innerJoin('affiliate_users as u', 'u.id', 's.affiliate_user_id')
    .select(['u.affiliate_id', 's.ip'])
    .where('u.affiliate_id', 'in', affiliateIds)
    .where('s.created_by_staff_id', 'is', null)
    .where('s.ip', 'is not', null)
    .execute();
  for (const s of sessions) if (s.ip) entry(s.affiliate_id).ips.add(s.ip);
  return out;
}

/** Customers of the brands that share an email hash, address or device with the batch's. */
export async function loadDuplicateCandidates(
  trx: Transaction<DB>,
  brandIds: number[],
  values: Record<DuplicateField, string[]>,
): Promise<
  {
    brand_id: number;
    external_id: string;
    email_hash: string | null;
    ip: string | null;
    device_id: string | null;
  }[]
> {
  if (brandIds.length === 0 || (!values.email_hash.length && !values.ip.length && !values.device_id.length))
    return [];
  return trx
    .selectFrom('customers')
    .select(['brand_id', 'external_id', 'email_hash', 'ip', 'device_id'])
    .where('brand_id', 'in', brandIds)
    .where((eb) =>
      eb.or([
        ...(values.email_hash.length ? [eb('email_hash', 'in', values.email_hash)] : []),
        ...(values.ip.length ? [eb('ip', 'in', values.ip)] : []),
        ...(values.device_id.length ? [eb('device_id', 'in', values.device_id)] : []),
      ]),
    )
    .execute();
}
