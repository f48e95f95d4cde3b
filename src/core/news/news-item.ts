import type { Db } from '../../db/index.ts';
import { mediaUrl } from '../catalog/types.ts';

export const NEWS_STATUSES = ['draft', 'published'] as const;
export type NewsStatus = (typeof NEWS_STATUSES)[number];

/** A news item as the back office sees it. */
export interface NewsItem {
  id: number;
  /** null: news for every brand. */
  brand: { id: number; name: string } | null;
  title: string;
  /** Plain text with a safe subset of Markdown (headings, emphasis, lists, links); never raw HTML. */
  body: string;
  /** The banner to show: the link given, or the media file's public URL. */
  banner_url: string | null;
  banner_media_id: number | null;
  status: NewsStatus;
  published_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export const TITLE_MAX = 200;
export const BODY_MAX = 50_000;
export const URL_MAX = 2_000;

/** The rows with their brand and banner resolved; newest publication first, then newest draft. */
export function newsRows(db: Db) {
  return db
    .selectFrom('news_items as n')
    .leftJoin('brands as b', 'b.id', 'n.brand_id')
    .leftJoin('media as m', 'm.id', 'n.banner_media_id')
    .select([
      'n.id',
      'n.brand_id',
      'b.name as brand_name',
      'b.enabled as brand_enabled',
      'n.title',
      'n.body',
      'n.banner_url',
      'n.banner_media_id',
      'm.storage_key',
      'n.status',
      'n.published_at',
      'n.created_at',
      'n.updated_at',
    ])
    .orderBy('n.published_at', (o) => o.desc().nullsFirst())
    .orderBy('n.id', 'desc');
}

type Row = Awaited<ReturnType<ReturnType<typeof newsRows>['execute']>>[number];

export function toNewsItem(row: Row, publicUrl: string): NewsItem {
  return {
    id: row.id,
    brand: row.brand_id === null ? null : { id: row.brand_id, name: row.brand_name ?? '' },
    title: row.title,
    body: row.body,
    banner_url: row.storage_key ? mediaUrl(publicUrl, row.storage_key) : row.banner_url,
    banner_media_id: row.banner_media_id,
    status: row.status,
    published_at: row.published_at,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}
