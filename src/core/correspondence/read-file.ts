import fs from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../../db/index.ts';
import { managedAffiliateIds } from '../auth/managed-affiliates.ts';
import { AppError } from '../errors.ts';
import { dirOf } from './files.ts';

/**
 * A file attached to an inquiry answer or a message. The affiliate reads only its own
 * (`affiliateId`), a limited manager only their affiliates'; anything else is not found.
 */
export async function readCorrespondenceFile(options: {
  db: Db;
  dataDir: string;
  id: number;
  affiliateId?: number;
  managerId?: number;
}): Promise<{ file: Buffer; contentType: string; fileName: string }> {
  let q = options.db.selectFrom('correspondence_files').selectAll().where('id', '=', options.id);
  if (options.affiliateId !== undefined) q = q.where('affiliate_id', '=', options.affiliateId);
  if (options.managerId !== undefined)
    q = q.where('affiliate_id', 'in', managedAffiliateIds(options.db, options.managerId));
  const row = await q.executeTakeFirst();
  if (!row) throw AppError.notFound('file');
  const file = await fs.readFile(path.join(dirOf(options.dataDir), row.storage_key));
  return { file, contentType: row.content_type, fileName: row.file_name };
}
