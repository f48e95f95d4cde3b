// @internal: only core/catalog imports this file.
import type { Db } from '../../../db/index.ts';
import { AppError, type FieldError } from '../../errors.ts';

export interface MediaInput {
  title?: string;
  language?: string | null;
  is_public?: boolean;
  tags?: string[];
  brand_id?: number | null;
  affiliate_ids?: number[];
}

/** Checks the editable fields; language is a short tag such as "en" or "pt-BR". */
export async function checkMediaInput(db: Db, input: MediaInput): Promise<MediaInput> {
  const out: MediaInput = { ...input };
  const errors: FieldError[] = [];
  if (input.title !== undefined) {
    out.title = input.title.trim();
    if (!out.title) errors.push({ path: 'title', message: 'must not be empty' });
  }
  if (input.language) {
    if (!/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})?$/.test(input.language.trim())) {
      errors.push({ path: 'language', message: 'must be a language tag such as "en" or "pt-BR"' });
    } else out.language = input.language.trim();
  } else if (input.language === '') out.language = null;
  if (input.tags) out.tags = [...new Set(input.tags.map((t) => t.trim().toLowerCase()).filter(Boolean))];
  if (input.brand_id !== undefined && input.brand_id !== null) {
    const brand = await db
      .selectFrom('brands')
      .select('id')
      .where('id', '=', input.brand_id)
      .executeTakeFirst();
    if (!brand) errors.push({ path: 'brand_id', message: `brand ${input.brand_id} does not exist` });
  }
  if (input.affiliate_ids?.length) {
    const found = await db
      .selectFrom('affiliates')
      .select('id')
      .where('id', 'in', input.affiliate_ids)
      .execute();
    const missing = input.affiliate_ids.filter((id) => !found.some((f) => f.id === id));
    if (missing.length)
      errors.push({ path: 'affiliate_ids', message: `unknown affiliate ${missing.join(', ')}` });
  }
  if (errors.length) throw AppError.validation(errors);
  return out;
}
