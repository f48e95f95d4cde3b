import type { Db } from '../../../db/index.ts';
import { hideUnmanaged } from '../../auth/managed-affiliates.ts';
import { AppError } from '../../errors.ts';
import type { Media, Scope } from '../types.ts';
import { mediaVisibleTo, withMediaRelations } from './media-relations.ts';

export async function getMedia(db: Db, id: number, publicUrl: string, scope: Scope = {}): Promise<Media> {
  let query = db.selectFrom('media').selectAll().where('id', '=', id);
  if (scope.affiliateId !== undefined) query = query.where(mediaVisibleTo(scope.affiliateId));
  const row = await query.executeTakeFirst();
  if (!row) throw AppError.notFound(`media ${id}`);
  const [media] = await withMediaRelations(db, [row], publicUrl, scope.affiliateId !== undefined);
  if (scope.managerId !== undefined) {
    const [shown] = await hideUnmanaged(db, scope.managerId, [media!], 'affiliate_ids');
    return shown!;
  }
  return media!;
}

/** For serving the file: the stored type of a key, or nothing. */
export async function findMediaFile(db: Db, storageKey: string) {
  return db
    .selectFrom('media')
    .select(['storage_key', 'content_type'])
    .where('storage_key', '=', storageKey)
    .executeTakeFirst();
}
