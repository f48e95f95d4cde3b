import fs from 'node:fs/promises';
import path from 'node:path';
import { imageSize } from 'image-size';
import type { Db } from '../../../db/index.ts';
import type { MediaFormat } from '../../../db/tables/tracking.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { Actor } from '../../actor.ts';
import { assertMayReferenceAffiliates } from '../../auth/managed-affiliates.ts';
import { newCode } from '../../clicks/ids.ts';
import { AppError } from '../../errors.ts';
import { recordCatalogChange } from '../catalog-changes.ts';
import type { Media, Scope } from '../types.ts';
import { getMedia } from './get-media.ts';
import { checkMediaInput, type MediaInput } from './media-input.ts';
import { orientationOf, saveMediaGrants } from './media-relations.ts';

const FORMATS: Record<string, { format: MediaFormat; contentType: string }> = {
  png: { format: 'png', contentType: 'image/png' },
  jpg: { format: 'jpg', contentType: 'image/jpeg' },
  gif: { format: 'gif', contentType: 'image/gif' },
  webp: { format: 'webp', contentType: 'image/webp' },
  svg: { format: 'svg', contentType: 'image/svg+xml' },
};

export function mediaDir(dataDir: string): string {
  return path.join(dataDir, 'media');
}

/** The format is read from the file's bytes, never trusted from its name or declared type. */
function inspect(file: Buffer): {
  format: MediaFormat;
  contentType: string;
  width: number | null;
  height: number | null;
} {
  let size: ReturnType<typeof imageSize>;
  try {
    size = imageSize(file);
  } catch {
    throw AppError.field('file', 'must be a PNG, JPEG, GIF, WebP or SVG image');
  }
  const known = FORMATS[size.type ?? ''];
  if (!known)
    throw AppError.field(
      'file',
      `images of type ${size.type} are not accepted; use PNG, JPEG, GIF, WebP or SVG`,
    );
  return { ...known, width: size.width || null, height: size.height || null };
}

export interface UploadMediaInput extends MediaInput {
  file: Buffer;
  title: string;
}

/**
 * Writes the file under <DATA_DIR>/media, then its row; a failed insert removes the file. A limited
 * manager (`scope.managerId`) may grant the banner only to affiliates they manage.
 */
export async function uploadMedia({
  db,
  actor,
  input,
  scope = {},
  ...options
}: {
  db: Db;
  actor: Actor;
  dataDir: string;
  publicUrl: string;
  input: UploadMediaInput;
  scope?: Scope;
}): Promise<Media> {
  if (input.file.length === 0) throw AppError.field('file', 'is empty');
  const image = inspect(input.file);
  if (scope.managerId !== undefined && input.affiliate_ids) {
    await assertMayReferenceAffiliates(db, scope.managerId, 'affiliate_ids', input.affiliate_ids);
  }
  const values = await checkMediaInput(db, input);
  const key = `${newCode(24)}.${image.format}`;
  const dir = mediaDir(options.dataDir);
  await fs.mkdir(dir, { recursive: true });
  const file = path.join(dir, key);
  await fs.writeFile(file, input.file, { flag: 'wx' });
  try {
    const id = await inTransaction(db, async (trx) => {
      const row = await trx
        .insertInto('media')
        .values({
          title: values.title!,
          language: values.language ?? null,
          is_public: values.is_public ?? true,
          tags: values.tags ?? [],
          brand_id: values.brand_id ?? null,
          format: image.format,
          content_type: image.contentType,
          width: image.width,
          height: image.height,
          orientation: orientationOf(image.width, image.height),
          byte_size: input.file.length,
          storage_key: key,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await saveMediaGrants(trx, row.id, values.affiliate_ids);
      const { file: _file, ...fields } = input;
      await recordCatalogChange(trx, { entity: 'media', id: row.id, action: 'created', actor, fields });
      return row.id;
    });
    return getMedia(db, id, options.publicUrl, scope);
  } catch (error) {
    await fs.rm(file, { force: true });
    throw error;
  }
}
