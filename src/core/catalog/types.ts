import type { Selectable } from 'kysely';
import type {
  BrandsTable,
  CampaignsTable,
  DestinationLinksTable,
  MediaTable,
  PromosTable,
} from '../../db/tables/tracking.ts';

export type Brand = Selectable<BrandsTable>;

/** lifetime: a customer's first attribution holds forever; last_click: a newer click takes over. */
export const ATTRIBUTION_BINDINGS = ['lifetime', 'last_click'] as const;
export type Campaign = Selectable<CampaignsTable>;

export interface DestinationLink extends Selectable<DestinationLinksTable> {
  /** Affiliates who may use the link while it is private. */
  private_affiliate_ids: number[];
  /** Media offered with the link. */
  asset_ids: number[];
}

export interface Media extends Omit<Selectable<MediaTable>, 'storage_key'> {
  affiliate_ids: number[];
  /** Public address of the file, for <img src>: its key is random, so it cannot be guessed. */
  url: string;
}

export interface Promo extends Selectable<PromosTable> {
  custom_params: Record<string, string>;
  /** The link the affiliate publishes. */
  tracking_link: string;
}

/**
 * Limits an operation to one affiliate's own rows (the partner API), or to the affiliates a
 * limited account manager manages (`managerId`, the staff id). Rows of anyone else are reported
 * as not found, never as forbidden, so ids of others cannot be probed.
 */
export interface Scope {
  affiliateId?: number;
  managerId?: number;
}

export function trackingBase(brandDomain: string | null, publicUrl: string): string {
  return (brandDomain ?? publicUrl).replace(/\/+$/, '');
}

export function toPromo(
  row: Selectable<PromosTable> & { tracking_domain: string | null },
  publicUrl: string,
): Promo {
  const { tracking_domain, ...promo } = row;
  return {
    ...promo,
    custom_params: row.custom_params as Record<string, string>,
    tracking_link: `${trackingBase(tracking_domain, publicUrl)}/c/${row.code}`,
  };
}

export function mediaUrl(publicUrl: string, storageKey: string): string {
  return `${publicUrl}/media/${storageKey}`;
}
