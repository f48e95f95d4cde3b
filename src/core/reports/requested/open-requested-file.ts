import fs from 'node:fs';
import type { Readable } from 'node:stream';
import type { Db } from '../../../db/index.ts';
import { AppError } from '../../errors.ts';
import type { ReportOwner } from '../favorites/report-owner.ts';
import { filePath } from './report-files.ts';
import { ownRequests } from './requested-rows.ts';

/** A successful requested report's file: the XLSX, or the zip of rows.csv and totals.csv. */
export async function openRequestedFile(options: {
  db: Db;
  dataDir: string;
  owner: ReportOwner;
  id: number;
  as: 'xlsx' | 'zip';
}): Promise<{ body: Readable; fileName: string; contentType: string }> {
  const row = await ownRequests(options.db, options.owner)
    .select(['state', 'xlsx_key', 'zip_key'])
    .where('id', '=', options.id)
    .executeTakeFirst();
  if (!row) throw AppError.notFound(`requested report ${options.id}`);
  const key = options.as === 'xlsx' ? row.xlsx_key : row.zip_key;
  if (row.state !== 'successful' || !key)
    throw new AppError(
      'invalid_state',
      `requested report ${options.id} is ${row.state}, not ready to download`,
    );
  return {
    body: fs.createReadStream(filePath(options.dataDir, key)),
    fileName: `report-${options.id}.${options.as}`,
    contentType:
      options.as === 'xlsx'
        ? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
        : 'application/zip',
  };
}
