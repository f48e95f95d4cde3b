import type { Db } from '../../db/index.ts';
import { AppError } from '../errors.ts';
import { getMedia } from './get-media.ts';
import { checkMediaInput, type MediaInput } from './media-input.ts';
import { saveMediaGrants } from './media-relations.ts';
import type { Media } from './types.ts';

export async function updateMedia(db: Db, id: number, publicUrl: string, input: MediaInput): Promise<Media> {
  const values = await checkMediaInput(db, input);
  const { affiliate_ids, ...columns } = values;
  await db.transaction().execute(async (trx) => {
    const row = await trx
      .updateTable('media')
      .set({ ...columns, updated_at: new Date() })
      .where('id', '=', id)
      .returning('id')
      .executeTakeFirst();
    if (!row) throw AppError.notFound(`media ${id}`);
    await saveMediaGrants(trx, id, affiliate_ids);
  });
  return getMedia(db, id, publicUrl);
}
