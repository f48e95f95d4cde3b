import type { Db } from '../../../db/index.ts';
import type { AnalyticsStore } from '../../analytics/analytics-store.ts';
import { getAnalyticsStatus } from '../../analytics/copy/get-analytics-status.ts';
import { clickhouseAnswers, clickhouseSource } from './clickhouse-source.ts';
import { postgresSource } from './postgres-source.ts';
import type { ReportPlan, ReportSource } from './report-source.ts';

export type ReportSourceName = 'postgres' | 'clickhouse';

/** The copy may be this far behind (its oldest waiting row) before reports go back to PostgreSQL. */
export const MAX_COPY_LAG_MS = 60_000;

/**
 * Where a plan is answered: ClickHouse when a store is given, the operator did not choose
 * PostgreSQL, the copy is less than MAX_COPY_LAG_MS behind and the plan is one ClickHouse answers
 * exactly (clickhouseAnswers); PostgreSQL otherwise.
 */
export async function chooseReportSource(options: {
  db: Db;
  plan: ReportPlan;
  analytics?: AnalyticsStore;
  requested?: ReportSourceName;
  signal?: AbortSignal;
}): Promise<{ name: ReportSourceName; source: ReportSource }> {
  const pg = { name: 'postgres' as const, source: postgresSource };
  if (!options.analytics || options.requested === 'postgres' || !clickhouseAnswers(options.plan)) return pg;
  const status = await getAnalyticsStatus({ db: options.db });
  const lagging =
    !status.enabled ||
    (status.oldestQueuedAt !== null && Date.now() - status.oldestQueuedAt.getTime() > MAX_COPY_LAG_MS);
  if (lagging && options.requested !== 'clickhouse') return pg;
  return { name: 'clickhouse', source: clickhouseSource(options.analytics, options.signal) };
}
