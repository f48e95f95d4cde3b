import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { Actor } from '../../actor.ts';
import { assertMayReferenceAffiliates, withHiddenGrants } from '../../auth/managed-affiliates.ts';
import { AppError } from '../../errors.ts';
import { recordCatalogChange } from '../catalog-changes.ts';
import type { Media, Scope } from '../types.ts';
import { getMedia } from './get-media.ts';
import { checkMediaInput, type MediaInput } from './media-input.ts';
import { saveMediaGrants } from './media-relations.ts';

/** A limited manager (`scope.managerId`) grants and withdraws a banner only for their affiliates. */
export async function updateMedia({
  db,
  actor,
  id,
  publicUrl,
  input,
  scope = {},
}: {
  db: Db;
  actor: Actor;
  id: number;
  publicUrl: string;
  input: MediaInput;
  scope?: Scope;
}): Promise<Media> {
  const { managerId } = scope;
  if (managerId !== undefined && input.affiliate_ids) {
    await assertMayReferenceAffiliates(db, managerId, 'affiliate_ids', input.affiliate_ids);
  }
  const values = await checkMediaInput(db, input);
  const { affiliate_ids, ...columns } = values;
  await inTransaction(db, async (trx) => {
    const row = await trx
      .updateTable('media')
      .set({ ...columns, updated_at: new Date() })
      .where('id', '=', id)
      .returning('id')
      .executeTakeFirst();
    if (!row) throw AppError.notFound(`media ${id}`);
    await recordCatalogChange(trx, { entity: 'media', id, action: 'updated', actor, fields: input });
    let grants = affiliate_ids;
    if (managerId !== undefined && grants) {
      const current = await trx
        .selectFrom('media_affiliates')
        .select('affiliate_id')
        .where('media_id', '=', id)
        .execute();
      grants = await withHiddenGrants(
        trx,
        managerId,
        current.map((g) => g.affiliate_id),
        grants,
      );
    }
    await saveMediaGrants(trx, id, grants);
  });
  return getMedia(db, id, publicUrl, scope);
}
