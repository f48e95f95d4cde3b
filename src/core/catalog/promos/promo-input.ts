// @internal: only core/catalog imports this file.
import type { Db } from '../../../db/index.ts';
import { BUILT_IN_NAMES } from '../../clicks/placeholders.ts';
import { AppError, type FieldError } from '../../errors.ts';
import type { Campaign } from '../types.ts';

const PARAM_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

export function checkCustomParams(
  params: Record<string, unknown>,
  errors: FieldError[],
): Record<string, string> {
  const out: Record<string, string> = {};
  const entries = Object.entries(params);
  if (entries.length > 20) errors.push({ path: 'custom_params', message: 'may hold at most 20 parameters' });
  for (const [key, value] of entries) {
    const path = `custom_params.${key}`;
    if (!PARAM_NAME.test(key))
      errors.push({ path, message: 'name may use letters, digits, "_", "." and "-" (1 to 64)' });
    else if (BUILT_IN_NAMES.includes(key)) {
      errors.push({ path, message: 'is filled by the platform and cannot be a custom parameter' });
    } else if (typeof value !== 'string' || value.length > 500) {
      errors.push({ path, message: 'must be a string of at most 500 characters' });
    } else out[key] = value;
  }
  return out;
}

/** The landing must be enabled, of the campaign's brand, and public or granted to its affiliate. */
export async function checkLink(db: Db, campaign: Campaign, linkId: number, errors: FieldError[]) {
  const link = await db
    .selectFrom('destination_links')
    .select(['id', 'name', 'brand_id', 'enabled', 'is_public'])
    .where('id', '=', linkId)
    .executeTakeFirst();
  let granted = link?.is_public ?? false;
  if (link && !granted) {
    granted = !!(await db
      .selectFrom('destination_link_affiliates')
      .select('affiliate_id')
      .where('destination_link_id', '=', linkId)
      .where('affiliate_id', '=', campaign.affiliate_id)
      .executeTakeFirst());
  }
  // One message for missing, private and disabled, so a partner cannot probe private links.
  if (!link || !granted || !link.enabled) {
    errors.push({ path: 'destination_link_id', message: `destination link ${linkId} is not available` });
    return undefined;
  }
  if (link.brand_id !== campaign.brand_id) {
    errors.push({
      path: 'destination_link_id',
      message: `destination link ${linkId} belongs to another brand`,
    });
    return undefined;
  }
  return link;
}

/** A banner must be public or granted to the affiliate, and made for the brand or for all. */
export async function checkMedia(db: Db, campaign: Campaign, mediaId: number, errors: FieldError[]) {
  const media = await db
    .selectFrom('media')
    .select(['id', 'brand_id', 'is_public'])
    .where('id', '=', mediaId)
    .executeTakeFirst();
  let granted = media?.is_public ?? false;
  if (media && !granted) {
    granted = !!(await db
      .selectFrom('media_affiliates')
      .select('affiliate_id')
      .where('media_id', '=', mediaId)
      .where('affiliate_id', '=', campaign.affiliate_id)
      .executeTakeFirst());
  }
  if (!media || !granted || (media.brand_id !== null && media.brand_id !== campaign.brand_id)) {
    errors.push({ path: 'media_id', message: `media ${mediaId} is not available for this campaign` });
  }
}

export function throwIfAny(errors: FieldError[]): void {
  if (errors.length) throw AppError.validation(errors);
}

/** Traffic sources come from the operator's managed list (Affiliates feature); archived ones are not offered. */
export async function checkTrafficSource(
  db: Db,
  id: number | null | undefined,
  errors: FieldError[],
  path = 'traffic_source_id',
) {
  if (id === null || id === undefined) return;
  const source = await db
    .selectFrom('traffic_sources')
    .select(['id', 'status'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (source?.status !== 'active') errors.push({ path, message: `traffic source ${id} is not available` });
}
