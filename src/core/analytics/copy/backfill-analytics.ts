import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import type { Db } from '../../../db/index.ts';
import { AppError } from '../../errors.ts';
import type { AnalyticsStore } from '../analytics-store.ts';
import type { AnalyticsRows } from './analytics-rows.ts';
import { commissionPages, eventPages } from './backfill-fact-pages.ts';
import { clickPages, impressionPages, type Page, type PageContext } from './backfill-pages.ts';

export type BackfillSource = 'clicks' | 'impressions' | 'events' | 'commissions';

export interface BackfillProgress {
  source: BackfillSource;
  /** PostgreSQL rows of this source read so far. */
  read: number;
  /** Of these, the rows ClickHouse did not have and got now. */
  copied: number;
  /** Since the backfill started. */
  seconds: number;
}

export interface BackfillResult {
  sources: Record<BackfillSource, { read: number; copied: number }>;
  read: number;
  copied: number;
  seconds: number;
}

const SOURCES: BackfillSource[] = ['clicks', 'impressions', 'events', 'commissions'];
const LOCK = sql`hashtextextended('affluent.analytics_backfill', 0)`;

/**
 * Copies to ClickHouse the history the outbox never carried (rows written while ANALYTICS_URL
 * was unset): clicks, impressions, events with their attribution facts and commissions with their
 * status facts, in keyset pages of `pageRows` PostgreSQL rows, optionally only those of
 * [from, to). Each page leaves out what waits in analytics_outbox (the streaming copy will carry
 * it) and then what ClickHouse already holds (asked in that order: a row leaves the outbox only
 * once it is in ClickHouse), so running it twice, after a crash or beside the streaming copy
 * stores each row and fact once. AnalyticsRows and facts are built by the streaming copy's own functions:
 * clicks at version 1, impressions at their count, events and commissions at version 0 (below
 * any outbox seq); an event re-attributed since gets its first fact under the owner it was
 * recorded with (the one its copied -1 fact or its first queued attribution names), as the
 * streaming copy would have. One backfill at a time (an advisory lock).
 */
export async function backfillAnalytics(options: {
  db: Db;
  store: AnalyticsStore;
  from?: Date;
  to?: Date;
  pageRows?: number;
  onPage?: (progress: BackfillProgress) => void;
  signal?: AbortSignal;
}): Promise<BackfillResult> {
  const { store, from, to, onPage, signal } = options;
  const pageRows = options.pageRows ?? 10_000;
  const started = performance.now();
  const seconds = () => (performance.now() - started) / 1000;
  return options.db.connection().execute(async (db) => {
    const { rows: locked } = await sql<{ ok: boolean }>`select pg_try_advisory_lock(${LOCK}) as ok`.execute(
      db,
    );
    if (!locked[0]?.ok) throw new AppError('conflict', 'an analytics backfill is already running');
    try {
      const { installation } = await db
        .selectFrom('analytics_state')
        .select('installation')
        .executeTakeFirstOrThrow();
      const range = { from, to };
      const insert = async (rows: AnalyticsRows) => {
        for (const table of TABLE_ORDER) {
          const list = rows[table];
          if (!list?.length) continue;
          // The token is the rows themselves: a page built again alike (a crash, a retry) is a
          // no-op, rollups included; a page of other rows is never mistaken for it.
          const digest = createHash('sha256').update(JSON.stringify(list)).digest('base64url');
          await store.insert(
            table,
            list,
            `backfill-${installation}-${table}-${digest}`,
            signal ? { signal } : {},
          );
        }
      };
      const ctx: PageContext = { db, store, range, pageRows, insert, signal };
      const result = Object.fromEntries(
        SOURCES.map((s) => [s, { read: 0, copied: 0 }]),
      ) as BackfillResult['sources'];
      for (const source of SOURCES) {
        const tally = result[source];
        for await (const page of PAGES[source](ctx)) {
          tally.read += page.read;
          tally.copied += page.copied;
          onPage?.({ source, ...tally, seconds: seconds() });
        }
      }
      const sum = (k: 'read' | 'copied') => SOURCES.reduce((n, s) => n + result[s][k], 0);
      return { sources: result, read: sum('read'), copied: sum('copied'), seconds: seconds() };
    } finally {
      await sql`select pg_advisory_unlock(${LOCK})`.execute(db);
    }
  });
}

// As the streaming copy: raw tables before the facts their rollups are fed from.
const TABLE_ORDER = [
  'clicks',
  'impression_hours',
  'events',
  'event_facts',
  'commissions',
  'commission_facts',
];

const PAGES: Record<BackfillSource, (ctx: PageContext) => AsyncGenerator<Page>> = {
  clicks: clickPages,
  impressions: impressionPages,
  events: eventPages,
  commissions: commissionPages,
};
