// @internal: a report plan answered from the ClickHouse store's rollups (issue #21).
import type { Db } from '../../../db/index.ts';
import type { AnalyticsStore } from '../../analytics/analytics-store.ts';
import { basesOf } from '../rollups/metric-sql.ts';
import { grouped } from './clickhouse-grouped.ts';
import { isMoney, rowsOf, sortRows, toRow, totalsOf, withNames } from './clickhouse-rows.ts';
import { DAY, grainOf } from './clickhouse-tables.ts';
import type { ReportPlan, ReportSource, SourcePage } from './report-source.ts';

/**
 * Every plan PostgreSQL answers: its periods in any time zone, every dimension and filter (codes
 * resolved by the plan), every metric and a limited manager's scope; except one that reads raw
 * clicks (sub-ids) from before the raw clicks' TTL (ANALYTICS_CLICK_TTL_DAYS), which ClickHouse
 * no longer holds.
 */
export function clickhouseAnswers(plan: ReportPlan, config?: { clickTtlDays: number }): boolean {
  if (!config?.clickTtlDays || grainOf(plan) !== 'raw') return true;
  if (!basesOf(plan.metrics).some((b) => b === 'clicks' || b === 'unique_clicks')) return true;
  // A day's margin: the TTL drops whole parts as they merge, by the click's time.
  return plan.from.getTime() > Date.now() - (config.clickTtlDays - 1) * DAY;
}

async function answer(db: Db, store: AnalyticsStore, plan: ReportPlan, signal?: AbortSignal) {
  const bases = basesOf(plan.metrics);
  const rows = rowsOf(plan, await grouped(db, store, plan, bases, signal), bases);
  return {
    rows,
    bases,
    sorted: sortRows(
      plan,
      rows.map((g) => toRow(plan, g)),
    ),
  };
}

/**
 * Reads the ClickHouse rollups: the grouped sums come from ClickHouse, the last steps (merging
 * currency-less counts, conversion with decimal.js, ratios, order) are the same arithmetic as
 * PostgreSQL's, done here on the grouped integer sums, so both answer to the minor unit. A plan
 * it does not answer (clickhouseAnswers) must go to PostgreSQL.
 */
export function clickhouseSource(store: AnalyticsStore, signal?: AbortSignal): ReportSource {
  return {
    async page(db, plan, page, pageSize): Promise<SourcePage> {
      const { rows, bases, sorted } = await answer(db, store, plan, signal);
      const shown = sorted.slice((page - 1) * pageSize, page * pageSize);
      return {
        rows: await withNames(db, plan, shown),
        total: sorted.length,
        totals: totalsOf(plan, rows, bases),
      };
    },
    async totals(db, plan) {
      const { rows, bases } = await answer(db, store, plan, signal);
      return totalsOf(plan, rows, bases);
    },
    async *stream(db, plan) {
      // The grouped rows are held once (a report's groups, not its facts); names per batch.
      const { sorted } = await answer(db, store, plan, signal);
      for (let i = 0; i < sorted.length; i += 2000)
        yield* await withNames(db, plan, sorted.slice(i, i + 2000));
    },
    async currencies(db, plan) {
      const bases = basesOf(plan.metrics).filter(isMoney);
      if (!bases.length) return [];
      const groups = await grouped(db, store, { ...plan, groupBy: [] }, bases, signal);
      return [...new Set(groups.map((g) => g.currency).filter((c) => c !== null))];
    },
  };
}
