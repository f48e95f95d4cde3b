import type { Db } from '../../db/index.ts';
import { toNewsItem } from './news-item.ts';
import { type PublishedNews, toPublished, visibleNewsRows } from './published-news.ts';

/** The published news of the program's brands, newest first, one page. */
export async function listPublishedNews({
  db,
  publicUrl,
  brandId,
  limit,
  offset,
}: {
  db: Db;
  publicUrl: string;
  brandId?: number;
  limit: number;
  offset: number;
}): Promise<{ data: PublishedNews[]; total: number }> {
  let query = visibleNewsRows(db);
  if (brandId !== undefined) query = query.where('n.brand_id', '=', brandId);
  const [rows, total] = await Promise.all([
    query.limit(limit).offset(offset).execute(),
    query
      .clearSelect()
      .clearOrderBy()
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .executeTakeFirstOrThrow(),
  ]);
  return { data: rows.map((r) => toPublished(toNewsItem(r, publicUrl))), total: Number(total.n) };
}
