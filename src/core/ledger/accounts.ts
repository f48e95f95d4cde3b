// @internal: account keys, creation and locking for postEntry and the ledger's reads
import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';
import type { LedgerAccountKind } from '../../db/tables/ledger.ts';

export const AFFILIATE_KINDS = [
  'available',
  'reserved',
  'on_hold',
] as const satisfies readonly LedgerAccountKind[];
export const OPERATOR_KINDS = [
  'commission_expense',
  'payouts_clearing',
  'fees',
  'fx',
  'operator_funds',
  'corrections',
] as const satisfies readonly LedgerAccountKind[];

/** An account by what it is: an affiliate's (with affiliateId), a brand's expense (brandId), or the operator's. */
export interface AccountRef {
  kind: LedgerAccountKind;
  currency: string;
  affiliateId?: number;
  brandId?: number;
}

export interface LockedAccount {
  id: number;
  kind: LedgerAccountKind;
  affiliate_id: number | null;
  brand_id: number | null;
  currency: string;
  balance: bigint;
}

export const isAffiliateKind = (kind: string) => (AFFILIATE_KINDS as readonly string[]).includes(kind);

export function accountKey(ref: AccountRef): string {
  return `${ref.kind}/${ref.affiliateId ?? 0}/${ref.brandId ?? 0}/${ref.currency}`;
}

/**
 * Creates the accounts that do not exist yet (in key order, so two writers creating the same
 * accounts queue instead of deadlocking), then locks them all FOR UPDATE in id order: concurrent
 * entries on one balance run one after the other, and never deadlock on each other's accounts.
 */
export async function lockAccounts(db: Db, refs: AccountRef[]): Promise<Map<string, LockedAccount>> {
  const unique = [...new Map(refs.map((r) => [accountKey(r), r])).entries()].sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0,
  );
  const rows = unique.map(([, r]) => ({
    kind: r.kind,
    affiliate_id: r.affiliateId ?? null,
    brand_id: r.brandId ?? null,
    currency: r.currency,
  }));
  const found = await findAccounts(db, rows);
  const missing = rows.filter((r) => !found.has(keyOf(r)));
  if (missing.length)
    await db
      .insertInto('ledger_accounts')
      .values(missing)
      .onConflict((oc) => oc.doNothing())
      .execute();
  const ids = [...(missing.length ? await findAccounts(db, rows) : found).values()];
  const locked = await db
    .selectFrom('ledger_accounts')
    .select(['id', 'kind', 'affiliate_id', 'brand_id', 'currency', 'balance'])
    .where('id', 'in', ids)
    .orderBy('id')
    .forUpdate()
    .execute();
  return new Map(locked.map((a) => [keyOf(a), a]));
}

type KeyRow = { kind: string; affiliate_id: number | null; brand_id: number | null; currency: string };
const keyOf = (r: KeyRow) => `${r.kind}/${r.affiliate_id ?? 0}/${r.brand_id ?? 0}/${r.currency}`;

async function findAccounts(db: Db, rows: KeyRow[]): Promise<Map<string, number>> {
  // The same expressions as the unique index, so each key is one index lookup.
  const tuples = rows.map(
    (r) =>
      sql`(${r.kind}::text, ${r.affiliate_id ?? 0}::integer, ${r.brand_id ?? 0}::integer, ${r.currency}::text)`,
  );
  const found = await db
    .selectFrom('ledger_accounts')
    .select(['id', 'kind', 'affiliate_id', 'brand_id', 'currency'])
    .where(
      sql<boolean>`(kind, coalesce(affiliate_id, 0), coalesce(brand_id, 0), currency) in (${sql.join(tuples)})`,
    )
    .execute();
  return new Map(found.map((a) => [keyOf(a), a.id]));
}
