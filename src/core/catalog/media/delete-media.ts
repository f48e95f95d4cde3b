import fs from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { Actor } from '../../actor.ts';
import { AppError } from '../../errors.ts';
import { recordCatalogChange } from '../catalog-changes.ts';
import { mediaDir } from './upload-media.ts';

/** Promos that showed the banner become direct links (media_id is set null by the database). */
export async function deleteMedia({
  db,
  actor,
  id,
  dataDir,
}: {
  db: Db;
  actor: Actor;
  id: number;
  dataDir: string;
}): Promise<void> {
  const row = await inTransaction(db, async (trx) => {
    const deleted = await trx
      .deleteFrom('media')
      .where('id', '=', id)
      .returning('storage_key')
      .executeTakeFirst();
    if (!deleted) throw AppError.notFound(`media ${id}`);
    await recordCatalogChange(trx, { entity: 'media', id, action: 'deleted', actor });
    return deleted;
  });
  await fs.rm(path.join(mediaDir(dataDir), row.storage_key), { force: true });
}
