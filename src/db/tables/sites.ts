import type { ColumnType, Generated } from 'kysely';
import type { ActorType } from './actor.ts';
import type { CreatedAt } from './foundation.ts';

export type SiteReviewStatus = 'pending' | 'approved' | 'declined';

export interface AffiliateSitesTable {
  id: Generated<number>;
  affiliate_id: number;
  name: string;
  url: string;
  notification_url: string | null;
  category_code: number;
  price_from: bigint | null;
  price_till: bigint | null;
  price_currency: Generated<string>;
  support_email: string | null;
  support_phone: string | null;
  review_status: Generated<SiteReviewStatus>;
  review_comment: string | null;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface AffiliateSiteChangesTable {
  id: Generated<number>;
  site_id: number;
  action: string;
  detail: ColumnType<Record<string, unknown>, string | undefined, string>;
  actor_type: ActorType;
  actor_id: number | null;
  actor_name: string;
  created_at: CreatedAt;
}

/** Affiliates' websites and their history (migration 0100). */
export interface SiteTables {
  affiliate_sites: AffiliateSitesTable;
  affiliate_site_changes: AffiliateSiteChangesTable;
}
