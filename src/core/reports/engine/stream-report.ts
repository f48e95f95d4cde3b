import { postgresSource } from './postgres-source.ts';
import type { ReportRow, ReportStream } from './report-query.ts';
import { fallsBack, preparedPlan, type ReportOptions, reportColumns } from './run-report.ts';

/**
 * Every row of a report in order, for exports of any size: the rows come from a cursor, a batch
 * at a time, never as one array. `totals()` runs the totals query when asked. `source` says which
 * store answers: from ClickHouse the first rows are read before this returns, so a ClickHouse
 * failure there is answered by PostgreSQL (and an export's header can name the source).
 */
export async function streamReport(options: ReportOptions): Promise<ReportStream> {
  const { plan, source, sourceName, conversion } = await preparedPlan(options);
  const base = {
    columns: reportColumns(plan),
    currency_mode: conversion ? ('converted' as const) : ('native' as const),
    ...(conversion ? { conversion } : {}),
  };
  const from = (s: typeof source, name: typeof sourceName): ReportStream => ({
    ...base,
    rows: s.stream(options.db, plan),
    totals: () => s.totals(options.db, plan),
    source: name,
  });
  if (sourceName !== 'clickhouse') return from(source, sourceName);
  const rows = source.stream(options.db, plan)[Symbol.asyncIterator]();
  let first: IteratorResult<ReportRow>;
  try {
    first = await rows.next();
  } catch (error) {
    if (!fallsBack(options, sourceName, error)) throw error;
    return from(postgresSource, 'postgres');
  }
  return {
    ...base,
    rows: (async function* () {
      try {
        for (let next = first; !next.done; next = await rows.next()) yield next.value;
      } finally {
        await rows.return?.();
      }
    })(),
    totals: async () => {
      try {
        return await source.totals(options.db, plan);
      } catch (error) {
        if (!fallsBack(options, sourceName, error)) throw error;
        return postgresSource.totals(options.db, plan);
      }
    },
    source: 'clickhouse',
  };
}
