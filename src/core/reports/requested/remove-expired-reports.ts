import fsp from 'node:fs/promises';
import type { Db } from '../../../db/index.ts';
import { filePath } from './report-files.ts';

/** Removes requested reports kept past their retention (REPORTS_RETENTION_DAYS), files first. */
export async function removeExpiredReports(options: {
  db: Db;
  dataDir: string;
  now?: Date;
}): Promise<number> {
  const expired = await options.db
    .selectFrom('requested_reports')
    .select(['id', 'xlsx_key', 'zip_key'])
    .where('expires_at', '<=', options.now ?? new Date())
    .execute();
  for (const row of expired) {
    for (const key of [row.xlsx_key, row.zip_key])
      if (key) await fsp.rm(filePath(options.dataDir, key), { force: true });
    await options.db.deleteFrom('requested_reports').where('id', '=', row.id).execute();
  }
  return expired.length;
}
