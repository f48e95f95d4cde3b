// @internal: only core/catalog imports this file.
import type { Db } from '../../../db/index.ts';
import type { LinkAudience, LinkType } from '../../../db/tables/tracking.ts';
import { validateUrlTemplate } from '../../clicks/template.ts';
import { AppError, type FieldError } from '../../errors.ts';

export interface LinkInput {
  brand_id?: number;
  name?: string;
  description?: string | null;
  link_type?: LinkType;
  url?: string;
  url_ab?: string | null;
  ab_split?: number;
  audience?: LinkAudience;
  is_public?: boolean;
  enabled?: boolean;
  private_affiliate_ids?: number[];
  asset_ids?: number[];
}

async function missingIds(db: Db, table: 'affiliates' | 'media', ids: number[]): Promise<number[]> {
  if (ids.length === 0) return [];
  const found = await db.selectFrom(table).select('id').where('id', 'in', ids).execute();
  const have = new Set(found.map((r) => r.id));
  return ids.filter((id) => !have.has(id));
}

/** Checks the fields given against each other and the database (`current`: the stored link). */
export async function checkLinkInput(
  db: Db,
  input: LinkInput,
  current?: { url_ab: string | null; ab_split: number },
): Promise<LinkInput> {
  const out: LinkInput = { ...input };
  const errors: FieldError[] = [];
  if (input.name !== undefined) {
    out.name = input.name.trim();
    if (!out.name) errors.push({ path: 'name', message: 'must not be empty' });
  }
  const check = (path: 'url' | 'url_ab', value: string) => {
    try {
      out[path] = validateUrlTemplate(path, value);
    } catch (error) {
      errors.push(...((error as AppError).details as { fields: FieldError[] }).fields);
    }
  };
  if (input.url !== undefined) check('url', input.url);
  if (input.url_ab) check('url_ab', input.url_ab);
  else if (input.url_ab === '') out.url_ab = null;
  const split = out.ab_split ?? current?.ab_split ?? 0;
  const ab = out.url_ab !== undefined ? out.url_ab : (current?.url_ab ?? null);
  if (split > 0 && !ab) errors.push({ path: 'url_ab', message: 'is required when ab_split is above 0' });
  if (input.brand_id !== undefined) {
    const brand = await db
      .selectFrom('brands')
      .select('id')
      .where('id', '=', input.brand_id)
      .executeTakeFirst();
    if (!brand) errors.push({ path: 'brand_id', message: `brand ${input.brand_id} does not exist` });
  }
  if (input.private_affiliate_ids) {
    out.private_affiliate_ids = [...new Set(input.private_affiliate_ids)];
    const missing = await missingIds(db, 'affiliates', out.private_affiliate_ids);
    if (missing.length) {
      errors.push({ path: 'private_affiliate_ids', message: `unknown affiliate ${missing.join(', ')}` });
    }
  }
  if (input.asset_ids) {
    out.asset_ids = [...new Set(input.asset_ids)];
    const missing = await missingIds(db, 'media', out.asset_ids);
    if (missing.length) errors.push({ path: 'asset_ids', message: `unknown media ${missing.join(', ')}` });
  }
  if (errors.length) throw AppError.validation(errors);
  return out;
}

/** Replaces the link's grant and asset lists with the ones given (absent lists stay). */
export async function saveLinkLists(db: Db, linkId: number, input: LinkInput): Promise<void> {
  if (input.private_affiliate_ids) {
    await db.deleteFrom('destination_link_affiliates').where('destination_link_id', '=', linkId).execute();
    if (input.private_affiliate_ids.length) {
      await db
        .insertInto('destination_link_affiliates')
        .values(
          input.private_affiliate_ids.map((affiliate_id) => ({ destination_link_id: linkId, affiliate_id })),
        )
        .execute();
    }
  }
  if (input.asset_ids) {
    await db.deleteFrom('destination_link_assets').where('destination_link_id', '=', linkId).execute();
    if (input.asset_ids.length) {
      await db
        .insertInto('destination_link_assets')
        .values(input.asset_ids.map((media_id) => ({ destination_link_id: linkId, media_id })))
        .execute();
    }
  }
}
