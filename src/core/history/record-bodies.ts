import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';

export type ChainKind =
  | 'event'
  | 'attribution'
  | 'commission'
  | 'commission_status'
  | 'plan_version'
  | 'plan_assignment'
  | 'bill_change'
  | 'bill_line'
  | 'bill_correction'
  | 'ledger_entry';

/**
 * Each kind's source row as the chain holds it. Only what never changes once written: a
 * commission without its status (a projection of its status changes, which are records of their
 * own), a bill change with the bill's fixed fields (not its running totals), a ledger entry with
 * its postings (written in the same transaction).
 */
const BODY_SQL: Record<ChainKind, string> = {
  event: `select id, to_jsonb(x) as body from events x where id = any($IDS)`,
  attribution: `select id, to_jsonb(x) as body from attribution_decisions x where id = any($IDS)`,
  commission: `select id, to_jsonb(x) - 'status' as body from commissions x where id = any($IDS)`,
  commission_status: `select id, to_jsonb(x) as body from commission_status_changes x where id = any($IDS)`,
  plan_version: `select id, to_jsonb(x) as body from commission_plan_versions x where id = any($IDS)`,
  plan_assignment: `select id, to_jsonb(x) as body from commission_plan_assignments x where id = any($IDS)`,
  bill_change: `select x.id, to_jsonb(x) || jsonb_build_object('bill', jsonb_build_object('affiliate_id',
      b.affiliate_id, 'brand_id', b.brand_id, 'plan_id', b.plan_id, 'currency', b.currency,
      'period_start', b.period_start, 'period_end', b.period_end)) as body
    from bill_changes x join bills b on b.id = x.bill_id where x.id = any($IDS)`,
  bill_line: `select id, to_jsonb(x) as body from bill_lines x where id = any($IDS)`,
  bill_correction: `select id, to_jsonb(x) as body from bill_corrections x where id = any($IDS)`,
  ledger_entry: `select x.id, to_jsonb(x) || jsonb_build_object('postings', (
      select jsonb_agg(jsonb_build_object('account', a.kind, 'affiliate_id', a.affiliate_id,
        'brand_id', a.brand_id, 'currency', p.currency, 'amount', p.amount) order by p.id)
      from ledger_postings p join ledger_accounts a on a.id = p.account_id where p.entry_id = x.id)) as body
    from ledger_entries x where x.id = any($IDS)`,
};

export const CHAIN_KINDS = Object.keys(BODY_SQL) as ChainKind[];

/** The bodies of `ids` of one kind, by id; a row that is gone is missing from the map. */
export async function readBodies(db: Db, kind: ChainKind, ids: string[]): Promise<Map<string, unknown>> {
  const out = new Map<string, unknown>();
  if (!ids.length) return out;
  const [before, after] = BODY_SQL[kind].split('$IDS') as [string, string];
  const { rows } = await sql<{
    id: string | number;
    body: unknown;
  }>`${sql.raw(before)}${ids}::bigint[]${sql.raw(after)}`.execute(db);
  for (const r of rows) out.set(String(r.id), r.body);
  return out;
}
