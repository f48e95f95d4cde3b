import type { Db } from '../../../db/index.ts';
import type { AnalyticsStore } from '../../analytics/analytics-store.ts';
import { AppError } from '../../errors.ts';
import { chooseReportSource, type ReportSourceName, type ReportsSourceMode } from './choose-report-source.ts';
import { convertPlan } from './convert-plan.ts';
import { planReport } from './plan-report.ts';
import { postgresSource } from './postgres-source.ts';
import {
  ID_DIMENSIONS,
  METRICS,
  type ReportColumn,
  type ReportConversion,
  type ReportQuery,
  type ReportResult,
  type ReportScope,
} from './report-query.ts';
import type { ReportPlan, ReportSource } from './report-source.ts';

export interface ReportOptions {
  db: Db;
  scope: ReportScope;
  query: ReportQuery;
  /** Where the figures come from; the PostgreSQL rollups unless another store is configured. */
  source?: ReportSource;
  /** With a ClickHouse store and no `source`, chooseReportSource decides (operators may ask one). */
  analytics?: AnalyticsStore;
  requestedSource?: ReportSourceName;
  /** REPORTS_SOURCE (reportSourcing(deps) gives it with `analytics`); auto when left out. */
  mode?: ReportsSourceMode;
}

const label = (key: string) => key.charAt(0).toUpperCase() + key.slice(1).replace(/_/g, ' ');

export function reportColumns(plan: ReportPlan): ReportColumn[] {
  const columns: ReportColumn[] = [];
  for (const d of plan.groupBy) {
    columns.push({ key: d, kind: 'dimension', label: label(d) });
    if ((ID_DIMENSIONS as readonly string[]).includes(d))
      columns.push({ key: `${d}_name`, kind: 'dimension', label: `${label(d)} name` });
  }
  columns.push({ key: 'currency', kind: 'currency', label: 'Currency' });
  for (const m of plan.metrics) columns.push({ key: m, kind: METRICS[m].kind, label: METRICS[m].label });
  return columns;
}

/** The checked plan, with conversion factors when a currency is asked for. */
export async function preparedPlan(options: ReportOptions): Promise<{
  plan: ReportPlan;
  source: ReportSource;
  sourceName: ReportSourceName;
  conversion?: ReportConversion;
}> {
  const plan = await planReport(options.db, options.scope, options.query);
  const chosen = options.source
    ? {
        name: options.source === postgresSource ? ('postgres' as const) : ('clickhouse' as const),
        source: options.source,
      }
    : await chooseReportSource({
        db: options.db,
        plan,
        ...(options.analytics ? { analytics: options.analytics } : {}),
        ...(options.requestedSource ? { requested: options.requestedSource } : {}),
        ...(options.mode ? { mode: options.mode } : {}),
      });
  let { source, name: sourceName } = chosen;
  if (!options.query.currency) return { plan, source, sourceName };
  const input = { currency: options.query.currency, rateDate: options.query.rate_date };
  let converted: Awaited<ReturnType<typeof convertPlan>>;
  try {
    converted = await convertPlan(options.db, source, plan, input);
  } catch (error) {
    // ClickHouse failing while listing the currencies: the whole report goes to PostgreSQL.
    if (!fallsBack(options, sourceName, error)) throw error;
    source = postgresSource;
    sourceName = 'postgres';
    converted = await convertPlan(options.db, source, plan, input);
  }
  return { plan: converted.plan, source, sourceName, conversion: converted.conversion };
}

/** A chosen (not imposed) ClickHouse failing, not the query refused: PostgreSQL answers instead. */
export function fallsBack(options: ReportOptions, sourceName: ReportSourceName, error: unknown) {
  return sourceName === 'clickhouse' && !options.source && !(error instanceof AppError);
}

/**
 * One page of a report and its totals. Without `currency` every money figure stays in its own
 * currency, a group having a row per currency; with it, all are converted at the rates of
 * `rate_date` and the rates used come back with the report.
 */
export async function runReport(options: ReportOptions): Promise<ReportResult> {
  const prepared = await preparedPlan(options);
  const { plan, conversion } = prepared;
  let sourceName = prepared.sourceName;
  const page = options.query.page ?? 1;
  const pageSize = options.query.page_size ?? 100;
  let answer: Awaited<ReturnType<ReportSource['page']>>;
  try {
    answer = await prepared.source.page(options.db, plan, page, pageSize);
  } catch (error) {
    // ClickHouse down or too slow: PostgreSQL holds every figure, so it answers instead.
    if (!fallsBack(options, sourceName, error)) throw error;
    sourceName = 'postgres';
    answer = await postgresSource.page(options.db, plan, page, pageSize);
  }
  return {
    columns: reportColumns(plan),
    rows: answer.rows,
    totals: answer.totals,
    page,
    page_size: pageSize,
    total_rows: answer.total,
    currency_mode: conversion ? 'converted' : 'native',
    ...(conversion ? { conversion } : {}),
    source: sourceName,
  };
}
