import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';
import { listAffiliateHistory } from './list-affiliate-history.ts';
import { billingFromRow } from './load-states.ts';
import { maskPaymentDetails, type PaymentType } from './payment-methods.ts';
import type { AffiliateState } from './state.ts';
import { toAffiliateUser, USER_COLUMNS } from './users.ts';

/** Loaded only when asked for with ?relationship=... */
export const AFFILIATE_RELATIONSHIPS = [
  'users',
  'billing',
  'account_manager',
  'account_executive',
  'tier',
  'traffic_sources',
  'custom_tags',
  'referrer',
  'referrals',
  'signup',
  'audits',
  'api_keys',
] as const;
export type AffiliateRelationship = (typeof AFFILIATE_RELATIONSHIPS)[number];

const REFERRALS_SHOWN = 100;
const AUDITS_SHOWN = 20;

async function staffCard(db: Db, id: number | null) {
  if (id === null) return null;
  return (
    (await db
      .selectFrom('staff_users')
      .select(['id', 'name', 'email', 'status'])
      .where('id', '=', id)
      .executeTakeFirst()) ?? null
  );
}

/** `managerId`: a limited manager, to whom other managers' affiliates do not exist. */
type Loader = (db: Db, s: AffiliateState, managerId?: number) => Promise<unknown>;

const loaders: Record<AffiliateRelationship, Loader> = {
  users: async (db, s) =>
    (
      await db
        .selectFrom('affiliate_users')
        .select(USER_COLUMNS)
        .where('affiliate_id', '=', s.id)
        .orderBy('id')
        .execute()
    ).map(toAffiliateUser),
  billing: async (db, s) => {
    const [billing, payment] = await Promise.all([
      db.selectFrom('affiliate_billing').selectAll().where('affiliate_id', '=', s.id).executeTakeFirst(),
      db
        .selectFrom('affiliate_payment_methods')
        .selectAll()
        .where('affiliate_id', '=', s.id)
        .executeTakeFirst(),
    ]);
    const type = (payment?.type ?? 'none') as PaymentType;
    return {
      ...billingFromRow(billing),
      threshold_currency: s.default_currency,
      payment_method: { type, details: maskPaymentDetails(type, payment?.details ?? {}) },
    };
  },
  account_manager: (db, s) => staffCard(db, s.account_manager_id),
  account_executive: (db, s) => staffCard(db, s.account_executive_id),
  tier: async (db, s) =>
    s.tier_id === null
      ? null
      : ((await db
          .selectFrom('affiliate_tiers')
          .select(['id', 'name'])
          .where('id', '=', s.tier_id)
          .executeTakeFirst()) ?? null),
  traffic_sources: (db, s) =>
    db
      .selectFrom('affiliate_traffic_sources as ats')
      .innerJoin('traffic_sources as ts', 'ts.id', 'ats.traffic_source_id')
      .select(['ts.id', 'ts.name', 'ts.status'])
      .where('ats.affiliate_id', '=', s.id)
      .orderBy('ts.id')
      .execute(),
  custom_tags: (db, s) =>
    db
      .selectFrom('affiliate_custom_tags as act')
      .innerJoin('custom_tags as t', 't.id', 'act.tag_id')
      .innerJoin('custom_tag_values as v', 'v.id', 'act.value_id')
      .select(['t.id as tag_id', 't.name as tag', 'v.id as value_id', 'v.value'])
      .where('act.affiliate_id', '=', s.id)
      .orderBy('t.id')
      .execute(),
  referrer: async (db, s, managerId) => {
    if (s.referrer_id === null) return null;
    let query = db.selectFrom('affiliates').select(['id', 'name', 'status']).where('id', '=', s.referrer_id);
    if (managerId !== undefined) query = query.where('account_manager_id', '=', managerId);
    return (await query.executeTakeFirst()) ?? null;
  },
  referrals: async (db, s, managerId) => {
    let base = db.selectFrom('affiliates').where('referrer_id', '=', s.id);
    if (managerId !== undefined) base = base.where('account_manager_id', '=', managerId);
    const [entries, total] = await Promise.all([
      base.select(['id', 'name', 'status', 'created_at']).orderBy('id').limit(REFERRALS_SHOWN).execute(),
      base.select((eb) => eb.fn.countAll<bigint>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { total: Number(total.n), entries };
  },
  signup: async (_db, s) => ({ applied_at: s.applied_at, ...(s.signup_info ?? {}) }),
  audits: async (db, s) => (await listAffiliateHistory(db, s.id, { page: 1, pageSize: AUDITS_SHOWN })).data,
  // Partner API keys belong to the identity work (migration 0004); read here, never written.
  api_keys: async (db, s) =>
    (
      await sql<{
        id: number;
        name: string;
        prefix: string;
        affiliate_user_id: number;
        created_at: Date;
        last_used_at: Date | null;
        revoked_at: Date | null;
      }>`select id, name, prefix, affiliate_user_id, created_at, last_used_at, revoked_at
         from affiliate_api_keys where affiliate_id = ${s.id} order by id`.execute(db)
    ).rows,
};

export async function loadRelationships(
  db: Db,
  state: AffiliateState,
  wanted: readonly AffiliateRelationship[],
  managerId?: number,
): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const name of new Set(wanted)) out[name] = await loaders[name](db, state, managerId);
  return out;
}
