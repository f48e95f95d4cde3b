import { sql } from 'kysely';
import type { Db } from '../../../src/db/index.ts';

/** Touched by reads on purpose (a key's or session's last use), so they say nothing about a change. */
const VOLATILE = ['last_used_at', 'last_seen_at'];

const tablesOf = new WeakMap<Db, Promise<string[]>>();

/** Every base table of the application's schema, read once per database from information_schema. */
function tables(db: Db): Promise<string[]> {
  const known = tablesOf.get(db);
  if (known) return known;
  const names = sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = current_schema() and table_type = 'BASE TABLE'
    order by table_name`
    .execute(db)
    .then((r) => r.rows.map((row) => row.table_name));
  tablesOf.set(db, names);
  return names;
}

const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** The row count of every table, in one query. */
export async function rowCounts(db: Db): Promise<Record<string, number>> {
  const names = await tables(db);
  const columns = names.map((n) => `(select count(*) from ${ident(n)})::int as ${ident(n)}`).join(', ');
  const { rows } = await sql.raw<Record<string, number>>(`select ${columns}`).execute(db);
  return rows[0]!;
}

/** Tables whose rows a request touches on purpose (a key's or session's last use). */
const TOUCHED = new Set(['api_keys', 'affiliate_api_keys', 'staff_sessions', 'affiliate_sessions']);

/**
 * A fingerprint of every table that changes with any insert, update or delete, in one query: the
 * count and the sum of the row versions (xmin), or for the touched tables a digest of their
 * content without the volatile columns.
 */
export async function tableDigests(db: Db): Promise<Record<string, string>> {
  const names = await tables(db);
  const strip = VOLATILE.map((c) => ` - '${c}'`).join('');
  const columns = names
    .map((n) =>
      TOUCHED.has(n)
        ? `(select md5(coalesce(string_agg(j::text, ',' order by j::text), '')) from ` +
          `(select to_jsonb(x)${strip} as j from ${ident(n)} x) s) as ${ident(n)}`
        : `(select count(*) || '/' || coalesce(sum(xmin::text::bigint), 0) from ${ident(n)}) as ${ident(n)}`,
    )
    .join(', ');
  const { rows } = await sql.raw<Record<string, string>>(`select ${columns}`).execute(db);
  return rows[0]!;
}

/** The tables whose value differs, as "table: before → after" (empty when equal). */
export function changedTables<T>(before: Record<string, T>, after: Record<string, T>): string[] {
  return Object.keys({ ...before, ...after })
    .filter((k) => before[k] !== after[k])
    .map((k) => `${k}: ${before[k]} → ${after[k]}`);
}
