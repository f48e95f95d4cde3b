import fs from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../../db/index.ts';
import { AppError } from '../errors.ts';
import { mediaDir } from './upload-media.ts';

/** Promos that showed the banner become direct links (media_id is set null by the database). */
export async function deleteMedia(db: Db, id: number, dataDir: string): Promise<void> {
  const row = await db.deleteFrom('media').where('id', '=', id).returning('storage_key').executeTakeFirst();
  if (!row) throw AppError.notFound(`media ${id}`);
  await fs.rm(path.join(mediaDir(dataDir), row.storage_key), { force: true });
}
