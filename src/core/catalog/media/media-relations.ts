// @internal: only core/catalog imports this file.
import type { ExpressionBuilder, Selectable } from 'kysely';
import type { DB, Db } from '../../../db/index.ts';
import type { MediaTable } from '../../../db/tables/tracking.ts';
import { type Media, mediaUrl } from '../types.ts';

export async function withMediaRelations(
  db: Db,
  rows: Selectable<MediaTable>[],
  publicUrl: string,
  hideGrants = false,
): Promise<Media[]> {
  if (rows.length === 0) return [];
  const grants = hideGrants
    ? []
    : await db
        .selectFrom('media_affiliates')
        .selectAll()
        .where(
          'media_id',
          'in',
          rows.map((r) => r.id),
        )
        .orderBy('affiliate_id')
        .execute();
  return rows.map(({ storage_key, ...row }) => ({
    ...row,
    affiliate_ids: grants.filter((g) => g.media_id === row.id).map((g) => g.affiliate_id),
    url: mediaUrl(publicUrl, storage_key),
  }));
}

/** Media an affiliate may use: public, or private and granted to them. */
export function mediaVisibleTo(affiliateId: number) {
  return (eb: ExpressionBuilder<DB, 'media'>) =>
    eb.or([
      eb('media.is_public', '=', true),
      eb.exists(
        eb
          .selectFrom('media_affiliates as g')
          .select('g.affiliate_id')
          .whereRef('g.media_id', '=', 'media.id')
          .where('g.affiliate_id', '=', affiliateId),
      ),
    ]);
}

export function orientationOf(width: number | null, height: number | null) {
  if (!width || !height) return null;
  return width === height ? 'square' : width > height ? 'horizontal' : 'vertical';
}

export async function saveMediaGrants(db: Db, mediaId: number, affiliateIds: number[] | undefined) {
  if (!affiliateIds) return;
  await db.deleteFrom('media_affiliates').where('media_id', '=', mediaId).execute();
  if (affiliateIds.length) {
    await db
      .insertInto('media_affiliates')
      .values([...new Set(affiliateIds)].map((affiliate_id) => ({ media_id: mediaId, affiliate_id })))
      .execute();
  }
}
