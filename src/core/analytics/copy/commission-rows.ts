// @internal: commissions and their status facts as the analytics copy writes them to ClickHouse.
import { sql } from 'kysely';
import type { Db } from '../../../db/index.ts';
import type { OutboxRow, Push } from './analytics-rows.ts';
import { int, str, time } from './row-values.ts';

export interface CommissionRow {
  id: bigint;
  earned_at: Date;
  affiliate_id: number;
  brand_id: number;
  campaign_id: number | null;
  promo_id: number | null;
  plan_id: number | null;
  kind: string;
  status: string;
  initial_status: string;
  currency: string;
  amount: bigint;
  event_id: bigint | null;
  /** What the reports group commission facts by beyond the commission (COMMISSION_FACT_COLUMNS). */
  qualified_cpa?: boolean | null;
  country?: string | null;
  coupon_code_id?: number | null;
  sub1?: string | null;
  sub2?: string | null;
  sub3?: string | null;
  sub4?: string | null;
  sub5?: string | null;
}

/** The customer (`cu`) and its click (`k`) of a commission `m`, for COMMISSION_FACT_COLUMNS. */
export const COMMISSION_FACT_JOINS = sql.raw(
  'left join customers cu on cu.id = m.customer_id left join clicks k on k.id = cu.click_id',
);
/** Whether it counts as a qualified CPA (as PostgreSQL's rollups count it), the customer's country, coupon and sub-ids. */
export const COMMISSION_FACT_COLUMNS = sql.raw(
  `(m.kind = 'cpa' and m.source_key like 'cpa:%' and m.reverses_id is null) as qualified_cpa,
  cu.country, cu.coupon_code_id, k.sub1, k.sub2, k.sub3, k.sub4, k.sub5`,
);

export async function commissions(db: Db, inserted: OutboxRow[], changed: OutboxRow[], push: Push) {
  if (inserted.length === 0 && changed.length === 0) return;
  const changes = changed.length
    ? (
        await sql<{ id: bigint; commission_id: bigint; from_status: string; to_status: string }>`
          select id, commission_id, from_status, to_status from commission_status_changes
          where id = any(${changed.map((r) => r.row_id)}::bigint[])`.execute(db)
      ).rows
    : [];
  const ids = [
    ...new Set([...inserted.map((r) => r.row_id as string), ...changes.map((c) => String(c.commission_id))]),
  ];
  const found = await sql<CommissionRow>`select m.id, m.earned_at, m.affiliate_id, m.brand_id, m.campaign_id,
      m.promo_id, m.plan_id, m.kind, m.status, m.initial_status, m.currency, m.amount, m.event_id,
      ${COMMISSION_FACT_COLUMNS}
    from commissions m ${COMMISSION_FACT_JOINS} where m.id = any(${ids}::bigint[])`.execute(db);
  const byId = new Map(found.rows.map((c) => [String(c.id), c]));
  const seqOfChange = new Map(changed.map((r) => [r.row_id as string, r.seq]));
  const latest = new Map<string, bigint>();
  const see = (id: string, seq: bigint) => {
    if ((latest.get(id) ?? -1n) < seq) latest.set(id, seq);
  };
  for (const r of inserted) see(r.row_id as string, r.seq);
  for (const c of changes) see(String(c.commission_id), seqOfChange.get(String(c.id)) ?? 0n);
  for (const [id, seq] of latest) {
    const c = byId.get(id);
    if (!c) continue;
    push('commissions', commissionRow(c, seq));
  }
  for (const r of inserted) {
    const c = byId.get(r.row_id as string);
    if (c) push('commission_facts', commissionFact(c, c.initial_status, 0n, 1));
  }
  for (const change of changes) {
    const c = byId.get(String(change.commission_id));
    if (!c) continue;
    push('commission_facts', commissionFact(c, change.from_status, change.id, -1));
    push('commission_facts', commissionFact(c, change.to_status, change.id, 1));
  }
}

/** The ClickHouse commissions row of a commission as it is now, at `version`. */
export function commissionRow(c: CommissionRow, version: bigint) {
  const {
    commission_id: _id,
    change_id: _change,
    sign: _sign,
    country: _country,
    coupon_code_id: _coupon,
    qualified_cpa: _qualified,
    sub1: _sub1,
    sub2: _sub2,
    sub3: _sub3,
    sub4: _sub4,
    sub5: _sub5,
    ...columns
  } = commissionFact(c, c.status, 0n, 1);
  return { ...columns, id: int(c.id), event_id: int(c.event_id), version: String(version) };
}

/**
 * A commission's amount in `status`: as earned (change 0, its initial status), or leaving (-1)
 * and reaching (+1) a status by the change numbered `changeId`.
 */
export function commissionFact(c: CommissionRow, status: string, changeId: bigint, sign: 1 | -1) {
  return {
    commission_id: int(c.id),
    change_id: int(changeId),
    earned_at: time(c.earned_at),
    affiliate_id: c.affiliate_id,
    brand_id: c.brand_id,
    campaign_id: c.campaign_id ?? 0,
    promo_id: c.promo_id ?? 0,
    plan_id: c.plan_id ?? 0,
    kind: c.kind,
    status,
    currency: c.currency,
    amount: int(c.amount),
    sign,
    country: str(c.country),
    coupon_code_id: c.coupon_code_id ?? 0,
    qualified_cpa: c.qualified_cpa ? 1 : 0,
    sub1: str(c.sub1),
    sub2: str(c.sub2),
    sub3: str(c.sub3),
    sub4: str(c.sub4),
    sub5: str(c.sub5),
  };
}
