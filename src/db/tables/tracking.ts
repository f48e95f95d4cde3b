import type { ColumnType, Generated } from 'kysely';
import type { ActorType } from './actor.ts';
import type { CreatedAt } from './foundation.ts';

export type LinkType = 'home_page' | 'landing_page' | 'registration' | 'promotion' | 'game' | 'other';
export type LinkAudience = 'players' | 'sub_affiliates';
export type MediaFormat = 'png' | 'jpg' | 'gif' | 'webp' | 'svg';
export type MediaOrientation = 'horizontal' | 'vertical' | 'square';
export type CampaignStatus = 'active' | 'archived';

type Json = ColumnType<Record<string, unknown>, string | Record<string, unknown> | undefined, string>;

export interface BrandsTable {
  id: Generated<number>;
  name: string;
  base_currency: string;
  tracking_domain: string | null;
  enabled: Generated<boolean>;
  attribution_binding: Generated<'lifetime' | 'last_click'>;
  click_lookback_days: Generated<number>;
  show_customer_ids: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface MediaTable {
  id: Generated<number>;
  brand_id: number | null;
  title: string;
  language: string | null;
  format: MediaFormat;
  is_public: Generated<boolean>;
  width: number | null;
  height: number | null;
  orientation: MediaOrientation | null;
  tags: Generated<string[]>;
  storage_key: string;
  content_type: string;
  byte_size: number;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface MediaAffiliatesTable {
  media_id: number;
  affiliate_id: number;
}

export interface DestinationLinksTable {
  id: Generated<number>;
  brand_id: number;
  name: string;
  description: string | null;
  link_type: Generated<LinkType>;
  url: string;
  url_ab: string | null;
  ab_split: Generated<number>;
  audience: Generated<LinkAudience>;
  is_public: Generated<boolean>;
  enabled: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface DestinationLinkAffiliatesTable {
  destination_link_id: number;
  affiliate_id: number;
}

export interface DestinationLinkAssetsTable {
  destination_link_id: number;
  media_id: number;
}

export interface CampaignsTable {
  id: Generated<number>;
  affiliate_id: number;
  brand_id: number;
  name: string;
  commission_plan_id: number | null;
  status: Generated<CampaignStatus>;
  archived_at: Date | null;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface PromosTable {
  id: Generated<number>;
  code: string;
  campaign_id: number;
  affiliate_id: number;
  brand_id: number;
  title: string;
  destination_link_id: number;
  media_id: number | null;
  traffic_source_id: number | null;
  custom_params: Json;
  enabled: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: CreatedAt;
}

export interface ClicksTable {
  id: string;
  clicked_at: Date;
  promo_id: number;
  campaign_id: number;
  affiliate_id: number;
  brand_id: number;
  destination_link_id: number;
  variant: Generated<string>;
  sub1: string | null;
  sub2: string | null;
  sub3: string | null;
  sub4: string | null;
  sub5: string | null;
  params: Generated<Record<string, unknown>>;
  ip: string | null;
  user_agent: string | null;
  referrer: string | null;
  device_type: string | null;
  is_bot: Generated<boolean>;
  is_unique: Generated<boolean>;
  country: string | null;
}

export interface PromoImpressionsTable {
  promo_id: number;
  hour: Date;
  impressions: bigint;
}

export interface AffiliateReferralCodesTable {
  affiliate_id: number;
  code: string;
  created_at: CreatedAt;
}

export interface AffiliateTrafficTable {
  affiliate_id: number;
  last_click_at: Date;
}

export interface CatalogChangesTable {
  id: Generated<bigint>;
  entity:
    | 'brand'
    | 'destination_link'
    | 'media'
    | 'campaign'
    | 'promo'
    | 'coupon_code'
    | 'fraud_rule'
    | 'commission_plan';
  entity_id: number;
  action: string;
  actor_type: ActorType;
  actor_id: number | null;
  actor_name: Generated<string>;
  fields: ColumnType<string[], string | undefined, string>;
  created_at: CreatedAt;
}

export interface TrackingTables {
  catalog_changes: CatalogChangesTable;
  brands: BrandsTable;
  media: MediaTable;
  media_affiliates: MediaAffiliatesTable;
  destination_links: DestinationLinksTable;
  destination_link_affiliates: DestinationLinkAffiliatesTable;
  destination_link_assets: DestinationLinkAssetsTable;
  campaigns: CampaignsTable;
  promos: PromosTable;
  clicks: ClicksTable;
  affiliate_traffic: AffiliateTrafficTable;
  promo_impressions: PromoImpressionsTable;
  affiliate_referral_codes: AffiliateReferralCodesTable;
}
