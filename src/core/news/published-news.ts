import type { Db } from '../../db/index.ts';
import { type NewsItem, newsRows } from './news-item.ts';

/** A news item as affiliates read it. */
export type PublishedNews = Omit<NewsItem, 'status' | 'created_at' | 'banner_media_id'> & {
  published_at: Date;
};

export function toPublished(item: NewsItem): PublishedNews {
  const { status: _s, created_at: _c, banner_media_id: _m, ...rest } = item;
  return { ...rest, published_at: item.published_at! };
}

/** Published rows affiliates may read: affiliates promote every enabled brand, so news for all brands and for each enabled one. */
export function visibleNewsRows(db: Db) {
  return newsRows(db)
    .where('n.status', '=', 'published')
    .where((eb) => eb.or([eb('n.brand_id', 'is', null), eb('b.enabled', '=', true)]));
}
