import type { ReportStream } from './report-query.ts';
import { preparedPlan, type ReportOptions, reportColumns } from './run-report.ts';

/**
 * Every row of a report in order, for exports of any size: the rows come from a cursor, a batch
 * at a time, never as one array. `totals()` runs the totals query when asked.
 */
export async function streamReport(options: ReportOptions): Promise<ReportStream> {
  const { plan, source, conversion } = await preparedPlan(options);
  return {
    columns: reportColumns(plan),
    rows: source.stream(options.db, plan),
    totals: () => source.totals(options.db, plan),
    currency_mode: conversion ? 'converted' : 'native',
    ...(conversion ? { conversion } : {}),
  };
}
