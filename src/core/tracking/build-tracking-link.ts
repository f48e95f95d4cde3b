import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Actor } from '../actor.ts';
import { AppError, type FieldError } from '../errors.ts';
import { assertActive, findCampaign } from './campaign-access.ts';
import { createCampaign } from './create-campaign.ts';
import { createPromo } from './create-promo.ts';
import { getPromo } from './get-promo.ts';
import { checkLink, checkTrafficSource, throwIfAny } from './promo-input.ts';
import type { Campaign, Promo } from './types.ts';

/** Smartico's `af2_build_link`: `link_id`, `affiliate_id` and an optional `source_id`. */
export interface BuildLinkInput {
  link_id: number;
  affiliate_id: number;
  source_id?: number | null;
  /** The campaign to put the promo in; by default the affiliate's first active one for the brand. */
  campaign_id?: number;
}

async function pickCampaign(db: Db, actor: Actor, input: BuildLinkInput, brandId: number): Promise<Campaign> {
  if (input.campaign_id !== undefined) {
    const campaign = await findCampaign(db, input.campaign_id, { affiliateId: input.affiliate_id }).catch(
      () => {
        throw AppError.field(
          'campaign_id',
          `campaign ${input.campaign_id} is not a campaign of affiliate ${input.affiliate_id}`,
        );
      },
    );
    assertActive(campaign);
    if (campaign.brand_id !== brandId) throw AppError.field('campaign_id', 'is a campaign of another brand');
    return campaign;
  }
  const found = await db
    .selectFrom('campaigns')
    .selectAll()
    .where('affiliate_id', '=', input.affiliate_id)
    .where('brand_id', '=', brandId)
    .where('status', '=', 'active')
    .orderBy('id')
    .executeTakeFirst();
  if (found) return found;
  const brand = await db
    .selectFrom('brands')
    .select('name')
    .where('id', '=', brandId)
    .executeTakeFirstOrThrow();
  return createCampaign({
    db,
    actor,
    input: { affiliate_id: input.affiliate_id, brand_id: brandId, name: `${brand.name} links` },
  });
}

/**
 * Builds (or finds) the tracking link of an affiliate for a destination link in one call. The same
 * link, affiliate and source give back the same promo, so calling it twice makes one link.
 */
export function buildTrackingLink(options: {
  db: Db;
  actor: Actor;
  input: BuildLinkInput;
  publicUrl: string;
}): Promise<{ promo: Promo; created: boolean }> {
  // The campaign it may create and the promo commit together, or neither does.
  return inTransaction(options.db, (trx) => build(trx, options.actor, options.input, options));
}

async function build(
  db: Db,
  actor: Actor,
  input: BuildLinkInput,
  options: { publicUrl: string },
): Promise<{ promo: Promo; created: boolean }> {
  const affiliate = await db
    .selectFrom('affiliates')
    .select('id')
    .where('id', '=', input.affiliate_id)
    .executeTakeFirst();
  if (!affiliate) throw AppError.field('affiliate_id', `affiliate ${input.affiliate_id} does not exist`);
  const link = await db
    .selectFrom('destination_links')
    .select(['id', 'brand_id'])
    .where('id', '=', input.link_id)
    .executeTakeFirst();
  if (!link) throw AppError.field('link_id', `destination link ${input.link_id} does not exist`);
  // Checked before a campaign may be created for it, so a refused call leaves nothing behind.
  const errors: FieldError[] = [];
  const owner = { affiliate_id: input.affiliate_id, brand_id: link.brand_id } as Campaign;
  await checkLink(db, owner, input.link_id, errors);
  await checkTrafficSource(db, input.source_id, errors);
  throwIfAny(errors.map((e) => ({ ...e, path: e.path === 'destination_link_id' ? 'link_id' : 'source_id' })));
  const campaign = await pickCampaign(db, actor, input, link.brand_id);
  const existing = await db
    .selectFrom('promos')
    .select('id')
    .where('campaign_id', '=', campaign.id)
    .where('destination_link_id', '=', input.link_id)
    .where('media_id', 'is', null)
    .where(sql<boolean>`traffic_source_id is not distinct from ${input.source_id ?? null}::integer`)
    .where(sql<boolean>`custom_params = '{}'::jsonb`)
    .orderBy('id')
    .executeTakeFirst();
  if (existing) return { promo: await getPromo(db, existing.id, options), created: false };
  const promo = await createPromo({
    db,
    actor,
    campaignId: campaign.id,
    input: { destination_link_id: input.link_id, traffic_source_id: input.source_id ?? null },
    publicUrl: options.publicUrl,
  });
  return { promo, created: true };
}
