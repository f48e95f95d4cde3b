import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/index.ts';
import { AppError } from '../errors.ts';
import type { BillingFrequency } from './billing-rules.ts';
import type { PaymentType } from './payment-methods.ts';
import type { AffiliateStatus } from './status.ts';

export const AFFILIATE_SORTS = [
  'id',
  'name',
  'company_name',
  'status',
  'created_at',
  'updated_at',
  'approved_at',
  'last_login_at',
  'country_code',
] as const;
export type AffiliateSort = (typeof AFFILIATE_SORTS)[number];

export interface AffiliateSearch {
  /** Words matched (each, anywhere) in name, company name and email; a number also matches the id. */
  q?: string;
  /** Only these affiliates (the other filters still apply). */
  ids?: number[];
  statuses?: AffiliateStatus[];
  /** 0 stands for "no manager". */
  account_manager_ids?: number[];
  account_executive_ids?: number[];
  billing_frequencies?: BillingFrequency[];
  payment_types?: PaymentType[];
  labels?: string[];
  /** any (default): at least one of the labels; all: every one of them. */
  labels_match?: 'any' | 'all';
  country_codes?: string[];
  /** Subdivision codes (CA) or country-qualified ones (US-CA). */
  region_codes?: string[];
  tier_ids?: number[];
  referrer_ids?: number[];
  has_referrer?: boolean;
  traffic_source_ids?: number[];
  created_from?: string;
  created_to?: string;
  approved_from?: string;
  approved_to?: string;
  ran_traffic_in_last_hours?: number;
  /** Only affiliates that sent clicks to any of these brands (whose tracking domain wrote their links). */
  traffic_brand_ids?: number[];
  /** A manager limited to their own affiliates sees only those, whatever the other filters. */
  restrict_to_manager_id?: number | null;
  sort?: { by: AffiliateSort; desc: boolean };
  offset: number;
  limit: number;
}

export interface AffiliateListItem {
  id: number;
  name: string;
  company_name: string | null;
  contact_name: string | null;
  email: string | null;
  status: AffiliateStatus;
  account_manager: { id: number; name: string } | null;
  account_executive: { id: number; name: string } | null;
  labels: string[];
  tier: { id: number; name: string } | null;
  country_code: string | null;
  region_code: string | null;
  default_currency: string | null;
  referrer_id: number | null;
  external_id: string | null;
  billing_frequency: BillingFrequency;
  payment_type: PaymentType;
  created_at: Date;
  updated_at: Date;
  applied_at: Date;
  approved_at: Date | null;
  last_login_at: Date | null;
}

const likePattern = (word: string) => `%${word.toLowerCase().replace(/[\\%_]/g, '\\$&')}%`;

/** `2024-05-01` is that whole day (UTC); a date-time is exact. `end` makes a date-only bound inclusive. */
function bound(value: string, field: string, end: boolean): Date {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const d = new Date(dateOnly ? `${value}T00:00:00Z` : value);
  if (Number.isNaN(d.getTime())) throw AppError.field(field, 'must be a date (YYYY-MM-DD) or a date-time');
  if (dateOnly && end) d.setUTCDate(d.getUTCDate() + 1);
  return d;
}

function range(column: RawBuilder<unknown>, from: string | undefined, to: string | undefined, name: string) {
  const out: RawBuilder<unknown>[] = [];
  if (from) out.push(sql`${column} >= ${bound(from, `${name}_from`, false)}`);
  if (to) {
    const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(to);
    out.push(
      dateOnly
        ? sql`${column} < ${bound(to, `${name}_to`, true)}`
        : sql`${column} <= ${bound(to, `${name}_to`, true)}`,
    );
  }
  return out;
}

async function conditions(db: Db, s: AffiliateSearch): Promise<RawBuilder<unknown>[]> {
  const c: RawBuilder<unknown>[] = [];
  const words = (s.q ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 8);
  if (words.length > 0) {
    const text = sql.join(
      words.map((w) => sql`a.search_text like ${likePattern(w)}`),
      sql` and `,
    );
    const id = /^\d{1,9}$/.test(s.q!.trim()) ? Number(s.q!.trim()) : null;
    c.push(id === null ? sql`(${text})` : sql`(a.id = ${id} or (${text}))`);
  }
  const anyOf = (column: string, values: readonly unknown[] | undefined) => {
    if (values?.length) c.push(sql`${sql.ref(column)} = any(${[...values]})`);
  };
  anyOf('a.id', s.ids);
  anyOf('a.status', s.statuses);
  for (const [column, ids] of [
    ['a.account_manager_id', s.account_manager_ids],
    ['a.account_executive_id', s.account_executive_ids],
  ] as const) {
    if (!ids?.length) continue;
    const real = ids.filter((id) => id !== 0);
    const parts = [];
    if (real.length) parts.push(sql`${sql.ref(column)} = any(${real})`);
    if (real.length !== ids.length) parts.push(sql`${sql.ref(column)} is null`);
    c.push(sql`(${sql.join(parts, sql` or `)})`);
  }
  if (s.billing_frequencies?.length) {
    c.push(
      sql`exists (select 1 from affiliate_billing b where b.affiliate_id = a.id and b.frequency = any(${s.billing_frequencies}))`,
    );
  }
  if (s.payment_types?.length) {
    c.push(
      sql`exists (select 1 from affiliate_payment_methods p where p.affiliate_id = a.id and p.type = any(${s.payment_types}))`,
    );
  }
  if (s.labels?.length) {
    const labels = await canonicalLabels(db, s.labels);
    c.push(
      s.labels_match === 'all' ? sql`a.labels @> ${labels}::text[]` : sql`a.labels && ${labels}::text[]`,
    );
  }
  anyOf(
    'a.country_code',
    s.country_codes?.map((v) => v.toUpperCase()),
  );
  if (s.region_codes?.length) {
    const parts = s.region_codes.map((raw) => {
      const [first, second] = raw.toUpperCase().split('-');
      return second
        ? sql`(a.country_code = ${first} and a.region_code = ${second})`
        : sql`a.region_code = ${first}`;
    });
    c.push(sql`(${sql.join(parts, sql` or `)})`);
  }
  anyOf('a.tier_id', s.tier_ids);
  anyOf('a.referrer_id', s.referrer_ids);
  if (s.has_referrer !== undefined)
    c.push(s.has_referrer ? sql`a.referrer_id is not null` : sql`a.referrer_id is null`);
  if (s.traffic_source_ids?.length) {
    c.push(sql`(a.traffic_source_id = any(${s.traffic_source_ids}) or exists (select 1 from affiliate_traffic_sources t
      where t.affiliate_id = a.id and t.traffic_source_id = any(${s.traffic_source_ids})))`);
  }
  c.push(...range(sql`a.created_at`, s.created_from, s.created_to, 'created'));
  c.push(...range(sql`a.approved_at`, s.approved_from, s.approved_to, 'approved'));
  if (s.ran_traffic_in_last_hours !== undefined) {
    c.push(sql`exists (select 1 from affiliate_traffic k where k.affiliate_id = a.id
      and k.last_click_at >= now() - make_interval(hours => ${s.ran_traffic_in_last_hours}::int))`);
  }
  if (s.traffic_brand_ids?.length) {
    c.push(sql`exists (select 1 from report_click_days r where r.affiliate_id = a.id
      and r.brand_id = any(${s.traffic_brand_ids}))`);
  }
  if (s.restrict_to_manager_id != null) c.push(sql`a.account_manager_id = ${s.restrict_to_manager_id}`);
  return c;
}

/** Labels are stored in their managed spelling; the filter matches whatever case was typed. */
async function canonicalLabels(db: Db, labels: string[]): Promise<string[]> {
  const typed = labels.map((l) => l.trim());
  const known = await db
    .selectFrom('affiliate_labels')
    .select('name')
    .where(sql<boolean>`lower(name) = any(${typed.map((l) => l.toLowerCase())})`)
    .execute();
  const spelling = new Map(known.map((k) => [k.name.toLowerCase(), k.name]));
  return [...new Set(typed.map((l) => spelling.get(l.toLowerCase()) ?? l))];
}

const SORT_SQL: Record<AffiliateSort, RawBuilder<unknown>> = {
  id: sql`a.id`,
  name: sql`lower(a.name)`,
  company_name: sql`lower(a.company_name)`,
  status: sql`a.status`,
  created_at: sql`a.created_at`,
  updated_at: sql`a.updated_at`,
  approved_at: sql`a.approved_at`,
  last_login_at: sql`a.last_login_at`,
  country_code: sql`a.country_code`,
};

/** Text search plus structured filters, sorted and paged, with the total count of matches. */
export async function searchAffiliates(
  db: Db,
  s: AffiliateSearch,
): Promise<{ data: AffiliateListItem[]; total: number }> {
  const conds = await conditions(db, s);
  const where = conds.length ? sql`where ${sql.join(conds, sql` and `)}` : sql``;
  const sort = s.sort ?? { by: 'id', desc: true };
  const dir = sort.desc ? sql`desc` : sql`asc`;
  const order =
    sort.by === 'id' ? sql`a.id ${dir}` : sql`${SORT_SQL[sort.by]} ${dir} nulls last, a.id ${dir}`;
  const [page, count] = await Promise.all([
    sql<{
      id: number;
    }>`select a.id from affiliates a ${where} order by ${order} limit ${s.limit} offset ${s.offset}`.execute(
      db,
    ),
    sql<{ n: bigint }>`select count(*) as n from affiliates a ${where}`.execute(db),
  ]);
  const ids = page.rows.map((r) => r.id);
  return { data: await listItems(db, ids), total: Number(count.rows[0]?.n ?? 0) };
}

async function listItems(db: Db, ids: number[]): Promise<AffiliateListItem[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('affiliates as a')
    .leftJoin('staff_users as m', 'm.id', 'a.account_manager_id')
    .leftJoin('staff_users as x', 'x.id', 'a.account_executive_id')
    .leftJoin('affiliate_tiers as t', 't.id', 'a.tier_id')
    .leftJoin('affiliate_billing as b', 'b.affiliate_id', 'a.id')
    .leftJoin('affiliate_payment_methods as p', 'p.affiliate_id', 'a.id')
    .select([
      'a.id',
      'a.name',
      'a.company_name',
      'a.contact_name',
      'a.email',
      'a.status',
      'a.labels',
      'a.country_code',
      'a.region_code',
      'a.default_currency',
      'a.referrer_id',
      'a.external_id',
      'a.created_at',
      'a.updated_at',
      'a.applied_at',
      'a.approved_at',
      'a.last_login_at',
      'a.account_manager_id',
      'm.name as manager_name',
      'a.account_executive_id',
      'x.name as executive_name',
      'a.tier_id',
      't.name as tier_name',
      'b.frequency',
      'p.type as payment_type',
    ])
    .where('a.id', 'in', ids)
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => {
    const r = byId.get(id)!;
    return {
      id: r.id,
      name: r.name,
      company_name: r.company_name,
      contact_name: r.contact_name,
      email: r.email,
      status: r.status,
      account_manager:
        r.account_manager_id === null ? null : { id: r.account_manager_id, name: r.manager_name ?? '' },
      account_executive:
        r.account_executive_id === null ? null : { id: r.account_executive_id, name: r.executive_name ?? '' },
      labels: r.labels,
      tier: r.tier_id === null ? null : { id: r.tier_id, name: r.tier_name ?? '' },
      country_code: r.country_code,
      region_code: r.region_code,
      default_currency: r.default_currency,
      referrer_id: r.referrer_id,
      external_id: r.external_id,
      billing_frequency: (r.frequency ?? 'manual') as BillingFrequency,
      payment_type: (r.payment_type ?? 'none') as PaymentType,
      created_at: r.created_at,
      updated_at: r.updated_at,
      applied_at: r.applied_at,
      approved_at: r.approved_at,
      last_login_at: r.last_login_at,
    };
  });
}
