import { sql } from 'kysely';
import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import { currenciesQuery, pageQuery, rowsQuery, totalsQuery } from '../rollups/report-sql.ts';
import type { ReportRow } from './report-query.ts';
import type { ReportPlan, ReportSource } from './report-source.ts';

const STREAM_BATCH = 2000;

function toRow(raw: Record<string, unknown>, keys: readonly string[] = Object.keys(raw)): ReportRow {
  const row: ReportRow = {};
  for (const key of keys) {
    const value = raw[key];
    row[key] = value instanceof Date ? value.toISOString() : (value as ReportRow[string]);
  }
  return row;
}

/** The columns of pageQuery's statement that are not the report's. */
const PAGE_ONLY = new Set(['is_total', 'ord', 'total_rows']);

/**
 * A report groups tens of thousands of rows in hash tables: with the default 4 MB they spill to
 * disk and take several times as long, so report statements get more, for their transaction only.
 */
const WORK_MEM = sql`set local work_mem = '64MB'`;
function withMemory<T>(db: Db, fn: (trx: Db) => Promise<T>): Promise<T> {
  return inTransaction(db, async (trx) => {
    await WORK_MEM.execute(trx);
    return fn(trx);
  });
}

/** Reads the rollups of PostgreSQL (and PGlite): src/core/reports/rollups. */
export const postgresSource: ReportSource = {
  page(db, plan, page, pageSize) {
    return withMemory(db, async (trx) => {
      const { rows } = await pageQuery(plan, { limit: pageSize, offset: (page - 1) * pageSize }).execute(trx);
      const totals = rows.filter((r) => r.is_total);
      const shown = rows.filter((r) => !r.is_total);
      const keys = shown.length ? Object.keys(shown[0]!).filter((k) => !PAGE_ONLY.has(k)) : [];
      return {
        rows: shown.map((r) => toRow(r, keys)),
        // Every totals row carries the number of groups; no totals row: no group at all.
        total: totals.length ? Number(totals[0]!.total_rows) : 0,
        totals: totals.map((r) => toRow(r, ['currency', ...plan.metrics])),
      };
    });
  },
  totals(db, plan) {
    return withMemory(db, async (trx) => (await totalsQuery(plan).execute(trx)).rows.map((r) => toRow(r)));
  },
  async currencies(db, plan) {
    const { rows } = await currenciesQuery(plan).execute(db);
    return rows.map((r) => r.currency);
  },
  stream(db, plan) {
    return cursorRows(db, plan);
  },
};

let cursors = 0;

/**
 * A server-side cursor in a transaction (the caller's, or one of its own), fetched STREAM_BATCH
 * rows at a time, so memory holds one batch whatever the report's size. Leaving the loop early
 * ends the transaction (it only read).
 */
async function* cursorRows(db: Db, plan: ReportPlan): AsyncGenerator<ReportRow> {
  const own = db.isTransaction ? null : await db.startTransaction().execute();
  const trx = own ?? db;
  const name = `report_rows_${++cursors}`;
  const compiled = rowsQuery(plan).compile(trx);
  const run = (text: string, parameters: readonly unknown[] = []) =>
    trx.executeQuery<Record<string, unknown>>({ ...compiled, sql: text, parameters });
  let finished = false;
  try {
    await WORK_MEM.execute(trx);
    await run(`declare ${name} no scroll cursor for ${compiled.sql}`, compiled.parameters);
    for (;;) {
      const { rows } = await run(`fetch ${STREAM_BATCH} from ${name}`);
      if (!rows.length) break;
      for (const raw of rows) yield toRow(raw);
    }
    await run(`close ${name}`);
    finished = true;
  } finally {
    if (own) await (finished ? own.commit() : own.rollback()).execute();
    // Left early inside the caller's transaction: the cursor would stay open until its end.
    else if (!finished) await run(`close ${name}`).catch(() => {});
  }
}
