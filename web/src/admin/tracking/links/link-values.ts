import type { Audience, DestinationLink, LinkBody, LinkType } from '../api.ts';

/** The link form's state: inputs hold strings; lists of ids stay lists. */
export interface LinkValues {
  brand_id: string;
  name: string;
  description: string;
  link_type: LinkType;
  url: string;
  url_ab: string;
  ab_split: string;
  audience: Audience;
  is_public: boolean;
  enabled: boolean;
  private_affiliate_ids: number[];
  asset_ids: number[];
}

/** Field paths of the API errors the form can show beside an input. */
export const LINK_FIELDS = [
  'brand_id',
  'name',
  'description',
  'link_type',
  'url',
  'url_ab',
  'ab_split',
  'audience',
  'is_public',
  'enabled',
  'private_affiliate_ids',
  'asset_ids',
];

export function valuesOf(link?: DestinationLink, brandId?: number): LinkValues {
  return {
    brand_id: String(link?.brand_id ?? brandId ?? ''),
    name: link?.name ?? '',
    description: link?.description ?? '',
    link_type: link?.link_type ?? 'landing_page',
    url: link?.url ?? '',
    url_ab: link?.url_ab ?? '',
    ab_split: String(link?.ab_split ?? 0),
    audience: link?.audience ?? 'players',
    is_public: link?.is_public ?? true,
    enabled: link?.enabled ?? true,
    private_affiliate_ids: link?.private_affiliate_ids ?? [],
    asset_ids: link?.asset_ids ?? [],
  };
}

/**
 * The request body. Numbers the browser cannot read are sent out of range rather than dropped, so
 * the server's 422 names the field beside its input.
 */
export function bodyOf(v: LinkValues): LinkBody {
  const urlAb = v.url_ab.trim() || null;
  // Without a B URL there is nothing to split to, whatever the (disabled) share input still holds.
  const split = !urlAb || v.ab_split.trim() === '' ? 0 : Number(v.ab_split);
  return {
    brand_id: Number(v.brand_id),
    name: v.name,
    description: v.description.trim() || null,
    link_type: v.link_type,
    url: v.url,
    url_ab: urlAb,
    ab_split: Number.isFinite(split) ? split : -1,
    audience: v.audience,
    is_public: v.is_public,
    enabled: v.enabled,
    private_affiliate_ids: v.private_affiliate_ids,
    asset_ids: v.asset_ids,
  };
}
