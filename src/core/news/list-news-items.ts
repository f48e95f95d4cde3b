import type { Db } from '../../db/index.ts';
import { type NewsItem, type NewsStatus, newsRows, toNewsItem } from './news-item.ts';

export interface NewsFilter {
  status?: NewsStatus;
  brand_id?: number;
  limit: number;
  offset: number;
}

/** Every news item for the back office, drafts first, then the newest published. */
export async function listNewsItems({
  db,
  publicUrl,
  filter,
}: {
  db: Db;
  publicUrl: string;
  filter: NewsFilter;
}): Promise<{ data: NewsItem[]; total: number }> {
  let query = newsRows(db);
  let count = db.selectFrom('news_items as n').select((eb) => eb.fn.countAll<string>().as('n'));
  if (filter.status) {
    query = query.where('n.status', '=', filter.status);
    count = count.where('n.status', '=', filter.status);
  }
  if (filter.brand_id !== undefined) {
    query = query.where('n.brand_id', '=', filter.brand_id);
    count = count.where('n.brand_id', '=', filter.brand_id);
  }
  const [rows, total] = await Promise.all([
    query.limit(filter.limit).offset(filter.offset).execute(),
    count.executeTakeFirstOrThrow(),
  ]);
  return { data: rows.map((r) => toNewsItem(r, publicUrl)), total: Number(total.n) };
}
