import type { Generated } from 'kysely';
import type { CreatedAt } from './foundation.ts';

export interface NewsItemsTable {
  id: Generated<number>;
  brand_id: number | null;
  title: string;
  body: string;
  banner_url: string | null;
  banner_media_id: number | null;
  status: Generated<'draft' | 'published'>;
  published_at: Date | null;
  notified_at: Date | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface BrandContactsTable {
  brand_id: number;
  email: Generated<string>;
  phone: Generated<string>;
  skype: Generated<string>;
  telegram: Generated<string>;
  whatsapp: Generated<string>;
  note: Generated<string>;
  updated_at: CreatedAt;
}

/** News items and each brand's contact details (migration 0105). */
export interface NewsTables {
  news_items: NewsItemsTable;
  brand_contacts: BrandContactsTable;
}
