import type { Db } from '../../db/index.ts';
import { AppError } from '../errors.ts';
import { toNewsItem } from './news-item.ts';
import { type PublishedNews, toPublished, visibleNewsRows } from './published-news.ts';

/** One published item; a draft, or one of a disabled brand, is not found, as a missing one. */
export async function getPublishedNews({
  db,
  publicUrl,
  newsId,
}: {
  db: Db;
  publicUrl: string;
  newsId: number;
}): Promise<PublishedNews> {
  const row = await visibleNewsRows(db).where('n.id', '=', newsId).executeTakeFirst();
  if (!row) throw AppError.notFound('News item');
  return toPublished(toNewsItem(row, publicUrl));
}
