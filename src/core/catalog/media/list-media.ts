import type { Db } from '../../../db/index.ts';
import type { MediaFormat, MediaOrientation } from '../../../db/tables/tracking.ts';
import { hideUnmanaged } from '../../auth/managed-affiliates.ts';
import type { Media, Scope } from '../types.ts';
import { mediaVisibleTo, withMediaRelations } from './media-relations.ts';

/** The banner filters of the seed: title, language, format, privacy, size, tag, orientation. */
export interface MediaFilter {
  title?: string;
  language?: string;
  format?: MediaFormat;
  privacy?: 'public' | 'private';
  width?: number;
  height?: number;
  tag?: string;
  orientation?: MediaOrientation;
  brand_id?: number;
  ids?: number[];
}

export async function listMedia(
  db: Db,
  publicUrl: string,
  filter: MediaFilter = {},
  scope: Scope = {},
): Promise<Media[]> {
  let query = db.selectFrom('media').selectAll().orderBy('id', 'desc');
  if (filter.title) query = query.where('title', 'ilike', `%${filter.title.replace(/[\\%_]/g, '\\$&')}%`);
  if (filter.language) query = query.where('language', 'ilike', filter.language);
  if (filter.format) query = query.where('format', '=', filter.format);
  if (filter.privacy) query = query.where('is_public', '=', filter.privacy === 'public');
  if (filter.width !== undefined) query = query.where('width', '=', filter.width);
  if (filter.height !== undefined) query = query.where('height', '=', filter.height);
  if (filter.tag)
    query = query.where((eb) => eb(eb.val(filter.tag!.trim().toLowerCase()), '=', eb.fn.any('tags')));
  if (filter.orientation) query = query.where('orientation', '=', filter.orientation);
  // A brand's banners include the ones made for every brand (brand_id null).
  if (filter.brand_id !== undefined) {
    query = query.where((eb) => eb.or([eb('brand_id', '=', filter.brand_id!), eb('brand_id', 'is', null)]));
  }
  if (filter.ids) query = query.where('id', 'in', filter.ids.length ? filter.ids : [0]);
  if (scope.affiliateId !== undefined) query = query.where(mediaVisibleTo(scope.affiliateId));
  const media = await withMediaRelations(
    db,
    await query.execute(),
    publicUrl,
    scope.affiliateId !== undefined,
  );
  return scope.managerId === undefined ? media : hideUnmanaged(db, scope.managerId, media, 'affiliate_ids');
}
