import type { Db } from '../../../db/index.ts';
import type { AnalyticsStore } from '../../analytics/analytics-store.ts';
import { clickhouseAnswers, clickhouseSource } from './clickhouse-source.ts';
import { postgresSource } from './postgres-source.ts';
import type { ReportPlan, ReportSource } from './report-source.ts';

export type ReportSourceName = 'postgres' | 'clickhouse';

/**
 * REPORTS_SOURCE: `auto` reads ClickHouse when it answers the plan and the copy is current;
 * `postgres` keeps every report on PostgreSQL even with ANALYTICS_URL; `clickhouse` prefers
 * ClickHouse even while the copy lags (as an operator's `source=clickhouse` does).
 */
export type ReportsSourceMode = 'auto' | ReportSourceName;

/** The copy may be this far behind (its oldest waiting row) before reports go back to PostgreSQL. */
export const MAX_COPY_LAG_MS = 60_000;

/** How long a process reuses the copy's state read for one report (the choice is made per report). */
export const COPY_STATE_TTL_MS = 1000;

interface CopyState {
  enabled: boolean;
  oldestQueuedAt: Date | null;
}

const copyStates = new WeakMap<Db, { at: number; state: Promise<CopyState> }>();

/**
 * Whether the copy is on and when its oldest waiting row was queued: the lowest sequence number's
 * (an index read, where the status page's min() reads the whole outbox), kept for
 * COPY_STATE_TTL_MS per database handle so a burst of reports reads it once.
 */
function copyState(db: Db): Promise<CopyState> {
  const now = Date.now();
  const cached = copyStates.get(db);
  if (cached && now - cached.at < COPY_STATE_TTL_MS) return cached.state;
  const state = (async () => {
    const flag = await db.selectFrom('analytics_state').select('enabled').executeTakeFirst();
    const oldest = await db
      .selectFrom('analytics_outbox')
      .select('queued_at')
      .orderBy('seq')
      .limit(1)
      .executeTakeFirst();
    return { enabled: flag?.enabled ?? false, oldestQueuedAt: oldest?.queued_at ?? null };
  })();
  copyStates.set(db, { at: now, state });
  state.catch(() => copyStates.delete(db));
  return state;
}

/** What every report path passes on from the app's or the job's dependencies. */
export interface ReportSourcing {
  analytics?: AnalyticsStore;
  mode?: ReportsSourceMode;
}

/** The ClickHouse store and REPORTS_SOURCE, as report options take them. */
export function reportSourcing(deps: {
  analytics?: AnalyticsStore | undefined;
  config: { reports: { source: ReportsSourceMode } };
}): ReportSourcing {
  return {
    ...(deps.analytics ? { analytics: deps.analytics } : {}),
    mode: deps.config.reports.source,
  };
}

/**
 * Where a plan is answered: ClickHouse when a store is given, neither REPORTS_SOURCE (`mode`)
 * nor the operator chose PostgreSQL, the plan is one ClickHouse answers exactly
 * (clickhouseAnswers) and the copy is on and less than MAX_COPY_LAG_MS behind (or ClickHouse
 * was asked for, by the operator or by REPORTS_SOURCE=clickhouse); PostgreSQL otherwise.
 */
export async function chooseReportSource(options: {
  db: Db;
  plan: ReportPlan;
  analytics?: AnalyticsStore;
  requested?: ReportSourceName;
  mode?: ReportsSourceMode;
  signal?: AbortSignal;
}): Promise<{ name: ReportSourceName; source: ReportSource }> {
  const pg = { name: 'postgres' as const, source: postgresSource };
  if (!options.analytics || options.mode === 'postgres' || options.requested === 'postgres') return pg;
  if (!clickhouseAnswers(options.plan, options.analytics.config)) return pg;
  const preferred = options.requested === 'clickhouse' || options.mode === 'clickhouse';
  if (!preferred) {
    const status = await copyState(options.db);
    const lagging =
      !status.enabled ||
      (status.oldestQueuedAt !== null && Date.now() - status.oldestQueuedAt.getTime() > MAX_COPY_LAG_MS);
    if (lagging) return pg;
  }
  return { name: 'clickhouse', source: clickhouseSource(options.analytics, options.signal) };
}
