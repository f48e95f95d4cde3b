import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import archiver from 'archiver';
import type { Config } from '../../../config.ts';
import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { AnalyticsStore } from '../../analytics/analytics-store.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import { reportSourcing } from '../engine/choose-report-source.ts';
import type { ReportQuery, ReportScope } from '../engine/report-query.ts';
import { streamReport } from '../engine/stream-report.ts';
import { csvLines, csvOf } from '../exports/csv-export.ts';
import { writeXlsx } from '../exports/xlsx-export.ts';
import { notifyReportReady } from './notify-report-ready.ts';
import { filePath, filesDir } from './report-files.ts';

/**
 * The requested-report job: writes the XLSX (sheets Rows and Totals) and the zip of rows.csv and
 * totals.csv under <DATA_DIR>/requested-reports, counting rows written as progress, then marks the
 * report successful and emails its owner. A report no longer processing (done, or removed) is
 * left alone, so a rerun after a crash rewrites nothing it finished. A failure marks it failed
 * with the reason; the owner can request it again. The store that answered (chooseReportSource:
 * ClickHouse when configured and current, else PostgreSQL) is recorded with the report (`source`).
 */
export async function buildRequestedReport(options: {
  db: Db;
  jobs: JobQueue;
  config: Config;
  analytics?: AnalyticsStore;
  id: number;
}) {
  const { db, id } = options;
  const row = await db.selectFrom('requested_reports').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row || row.state !== 'processing') return;
  const { query, scope } = row.report as { query: ReportQuery; scope: ReportScope };
  const stem = `${id}-${randomBytes(8).toString('hex')}`;
  const xlsxKey = `${stem}.xlsx`;
  const zipKey = `${stem}.zip`;
  try {
    await fsp.mkdir(filesDir(options.config.dataDir), { recursive: true });
    const progress = (written: number) =>
      db.updateTable('requested_reports').set({ rows_written: written }).where('id', '=', id).execute();
    const sourcing = reportSourcing(options);
    const xlsx = await streamReport({ db, scope, query, ...sourcing });
    const out = fs.createWriteStream(filePath(options.config.dataDir, xlsxKey));
    const done = new Promise<void>((resolve, reject) => {
      out.on('finish', () => resolve());
      out.on('error', reject);
    });
    await writeXlsx(xlsx, out, (n) => void progress(n));
    await done;
    // The zip from the same store as the XLSX (PostgreSQL still answers if ClickHouse fails).
    const csv = await streamReport({
      db,
      scope,
      query,
      ...sourcing,
      ...(xlsx.source ? { requestedSource: xlsx.source } : {}),
    });
    const source = xlsx.source ?? 'postgres';
    const recorded = {
      ...(row.report as Record<string, unknown>),
      source,
      ...(csv.source && csv.source !== source ? { csv_source: csv.source } : {}),
    };
    const zip = archiver('zip', { zlib: { level: 6 } });
    const written = pipeline(zip, fs.createWriteStream(filePath(options.config.dataDir, zipKey)));
    const rows = new PassThrough();
    zip.append(rows, { name: 'rows.csv' });
    await pipeline(csvLines(csv.columns, csv.rows), rows);
    let totals = '';
    for await (const chunk of csvOf(csv.columns, await csv.totals())) totals += chunk;
    zip.append(Buffer.from(totals), { name: 'totals.csv' });
    await zip.finalize();
    await written;
    // Successful and the email job in one transaction: a crash between them can lose neither.
    await inTransaction(db, async (trx) => {
      const finished = await trx
        .updateTable('requested_reports')
        .set({
          state: 'successful',
          xlsx_key: xlsxKey,
          zip_key: zipKey,
          finished_at: new Date(),
          report: JSON.stringify(recorded),
        })
        .where('id', '=', id)
        .where('state', '=', 'processing')
        .returningAll()
        .executeTakeFirst();
      if (finished)
        await notifyReportReady({ db: trx, jobs: options.jobs, config: options.config, report: finished });
    });
  } catch (error) {
    await db
      .updateTable('requested_reports')
      .set({ state: 'failed', error: (error as Error).message.slice(0, 1000), finished_at: new Date() })
      .where('id', '=', id)
      .execute();
    for (const key of [xlsxKey, zipKey]) await fsp.rm(filePath(options.config.dataDir, key), { force: true });
  }
}
