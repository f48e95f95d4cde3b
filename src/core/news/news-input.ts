// @internal: checks of what an operator types into a news item, shared by create and update
import type { Db } from '../../db/index.ts';
import { AppError, type FieldError } from '../errors.ts';
import { BODY_MAX, TITLE_MAX, URL_MAX } from './news-item.ts';

export interface NewsInput {
  brand_id?: number | null;
  title?: string;
  body?: string;
  banner_url?: string | null;
  banner_media_id?: number | null;
}

export interface NewsColumns {
  brand_id?: number | null;
  title?: string;
  body?: string;
  banner_url?: string | null;
  banner_media_id?: number | null;
}

function httpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/**
 * Every problem of the input in one answer. `required` says title and body must be there (a new
 * item); a banner is a link or a media file, never both.
 */
export async function checkNewsInput(db: Db, input: NewsInput, required: boolean): Promise<NewsColumns> {
  const problems: FieldError[] = [];
  const out: NewsColumns = {};
  if (input.title !== undefined || required) {
    const title = (input.title ?? '').trim();
    if (!title) problems.push({ path: 'title', message: 'is required' });
    else if (title.length > TITLE_MAX)
      problems.push({ path: 'title', message: `must be at most ${TITLE_MAX} characters` });
    out.title = title;
  }
  if (input.body !== undefined || required) {
    const body = (input.body ?? '').trim();
    if (!body) problems.push({ path: 'body', message: 'is required' });
    else if (body.length > BODY_MAX)
      problems.push({ path: 'body', message: `must be at most ${BODY_MAX} characters` });
    out.body = body;
  }
  if (input.banner_url !== undefined) {
    const url = input.banner_url?.trim() || null;
    if (url && url.length > URL_MAX)
      problems.push({ path: 'banner_url', message: `must be at most ${URL_MAX} characters` });
    else if (url && !httpUrl(url))
      problems.push({ path: 'banner_url', message: 'enter a link starting with https:// or http://' });
    out.banner_url = url;
  }
  if (input.banner_media_id !== undefined) out.banner_media_id = input.banner_media_id;
  if (out.banner_url && out.banner_media_id)
    problems.push({
      path: 'banner_media_id',
      message: 'give either a banner link or a media file, not both',
    });
  if (out.banner_media_id) {
    const media = await db
      .selectFrom('media')
      .select('id')
      .where('id', '=', out.banner_media_id)
      .executeTakeFirst();
    if (!media) problems.push({ path: 'banner_media_id', message: 'no media file has this id' });
  }
  if (input.brand_id !== undefined) {
    if (input.brand_id !== null) {
      const brand = await db
        .selectFrom('brands')
        .select('id')
        .where('id', '=', input.brand_id)
        .executeTakeFirst();
      if (!brand) problems.push({ path: 'brand_id', message: 'no brand has this id' });
    }
    out.brand_id = input.brand_id;
  }
  if (problems.length > 0) throw AppError.validation(problems);
  return out;
}
