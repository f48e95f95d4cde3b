import type { Db } from '../../../db/index.ts';
import type { Dimension, Metric, PeriodDimension, ReportRow } from './report-query.ts';

/**
 * A report worked out into what a source needs: UTC bounds, dimensions, filters resolved to ids,
 * the base sums to compute and, when converting, a factor per currency. Sources never see the
 * caller's raw query, so a columnar store (ClickHouse, issue #21) answers the same plan.
 */
export interface ReportPlan {
  /** [from, to) as UTC instants on whole hours. */
  from: Date;
  to: Date;
  timezone: string;
  groupBy: Dimension[];
  /** Filters per dimension (ids as numbers, other values as strings), promo and coupon codes resolved. */
  filters: Partial<Record<Dimension | 'coupon', (number | string)[]>>;
  /** Only these affiliates (partner: one; a limited manager: theirs); null: all. */
  affiliateIds: number[] | null;
  managerId: number | null;
  metrics: Metric[];
  sort: { by: string; direction: 'asc' | 'desc' }[];
  /** Converting: minor units of each currency times `factor` are minor units of `currency`. */
  conversion: { currency: string; factors: Map<string, string> } | null;
}

export interface SourcePage {
  rows: ReportRow[];
  /** The number of rows of the whole report. */
  total: number;
  /** The report's totals rows, as totals() answers them (computed with the page, in one pass). */
  totals: ReportRow[];
}

/** Where report figures come from. PostgreSQL reads the rollups (src/core/reports/rollups). */
export interface ReportSource {
  /** One page of rows with the report's size and totals. */
  page(db: Db, plan: ReportPlan, page: number, pageSize: number): Promise<SourcePage>;
  /** The totals rows alone (a stream's, after its rows). */
  totals(db: Db, plan: ReportPlan): Promise<ReportRow[]>;
  /** Every row in order, in bounded memory (keyset pages or a cursor). */
  stream(db: Db, plan: ReportPlan): AsyncIterable<ReportRow>;
  /** The currencies money figures of the plan are in (for conversion rates). */
  currencies(db: Db, plan: ReportPlan): Promise<string[]>;
}

export const isPeriod = (d: Dimension): d is PeriodDimension =>
  d === 'hour' || d === 'day' || d === 'week' || d === 'month' || d === 'quarter' || d === 'year';
