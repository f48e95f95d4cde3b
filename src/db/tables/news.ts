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

/** A user the news item's fan-out queued an email for (migration 0130). */
export interface NewsEmailDeliveriesTable {
  news_item_id: number;
  affiliate_user_id: number;
  queued_at: CreatedAt;
}

/** News items, their email fan-out and each brand's contact details (migrations 0105, 0130). */
export interface NewsTables {
  news_items: NewsItemsTable;
  news_email_deliveries: NewsEmailDeliveriesTable;
  brand_contacts: BrandContactsTable;
}
