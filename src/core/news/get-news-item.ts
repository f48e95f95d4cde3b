import type { Db } from '../../db/index.ts';
import { AppError } from '../errors.ts';
import { type NewsItem, newsRows, toNewsItem } from './news-item.ts';

/** One news item, draft or published, as the back office sees it. */
export async function getNewsItem({
  db,
  publicUrl,
  newsId,
}: {
  db: Db;
  publicUrl: string;
  newsId: number;
}): Promise<NewsItem> {
  const row = await newsRows(db).where('n.id', '=', newsId).executeTakeFirst();
  if (!row) throw AppError.notFound('News item');
  return toNewsItem(row, publicUrl);
}
