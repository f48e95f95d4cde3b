import type { Db } from '../../../db/index.ts';
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
export async function preparedPlan(
  options: ReportOptions,
): Promise<{ plan: ReportPlan; source: ReportSource; conversion?: ReportConversion }> {
  const source = options.source ?? postgresSource;
  const plan = await planReport(options.db, options.scope, options.query);
  if (!options.query.currency) return { plan, source };
  const converted = await convertPlan(options.db, source, plan, {
    currency: options.query.currency,
    rateDate: options.query.rate_date,
  });
  return { plan: converted.plan, source, conversion: converted.conversion };
}

/**
 * One page of a report and its totals. Without `currency` every money figure stays in its own
 * currency, a group having a row per currency; with it, all are converted at the rates of
 * `rate_date` and the rates used come back with the report.
 */
export async function runReport(options: ReportOptions): Promise<ReportResult> {
  const { plan, source, conversion } = await preparedPlan(options);
  const page = options.query.page ?? 1;
  const pageSize = options.query.page_size ?? 100;
  const answer = await source.page(options.db, plan, page, pageSize);
  return {
    columns: reportColumns(plan),
    rows: answer.rows,
    totals: answer.totals,
    page,
    page_size: pageSize,
    total_rows: answer.total,
    currency_mode: conversion ? 'converted' : 'native',
    ...(conversion ? { conversion } : {}),
  };
}
