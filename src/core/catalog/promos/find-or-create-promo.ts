import { sql } from 'kysely';
import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { Actor } from '../../actor.ts';
import { AppError, type FieldError } from '../../errors.ts';
import { assertActive, findCampaign } from '../campaigns/campaign-access.ts';
import { createCampaign } from '../campaigns/create-campaign.ts';
import type { Campaign, Promo } from '../types.ts';
import { createPromo } from './create-promo.ts';
import { getPromo } from './get-promo.ts';
import { checkLink, checkTrafficSource, throwIfAny } from './promo-input.ts';

/** An affiliate's direct link to a destination link, from an optional traffic source. */
export interface FindOrCreatePromoInput {
  destination_link_id: number;
  affiliate_id: number;
  traffic_source_id?: number | null;
  /** The campaign to put the promo in; by default the affiliate's first active one for the brand. */
  campaign_id?: number;
}

async function pickCampaign(
  db: Db,
  actor: Actor,
  input: FindOrCreatePromoInput,
  brandId: number,
): Promise<Campaign> {
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
 * Finds or creates the direct promo (no media, no custom parameters) of an affiliate for a
 * destination link and traffic source, in `campaign_id` or the affiliate's first active campaign
 * of the link's brand (created when there is none). The same input gives back the same promo, so
 * calling it twice makes one link.
 */
export function findOrCreatePromo(options: {
  db: Db;
  actor: Actor;
  input: FindOrCreatePromoInput;
  publicUrl: string;
}): Promise<{ promo: Promo; created: boolean }> {
  // The campaign it may create and the promo commit together, or neither does.
  return inTransaction(options.db, (trx) => build(trx, options.actor, options.input, options));
}

async function build(
  db: Db,
  actor: Actor,
  input: FindOrCreatePromoInput,
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
    .where('id', '=', input.destination_link_id)
    .executeTakeFirst();
  if (!link) {
    throw AppError.field(
      'destination_link_id',
      `destination link ${input.destination_link_id} does not exist`,
    );
  }
  // Checked before a campaign may be created for it, so a refused call leaves nothing behind.
  const errors: FieldError[] = [];
  const owner = { affiliate_id: input.affiliate_id, brand_id: link.brand_id } as Campaign;
  await checkLink(db, owner, input.destination_link_id, errors);
  await checkTrafficSource(db, input.traffic_source_id, errors);
  throwIfAny(errors);
  const campaign = await pickCampaign(db, actor, input, link.brand_id);
  const existing = await db
    .selectFrom('promos')
    .select('id')
    .where('campaign_id', '=', campaign.id)
    .where('destination_link_id', '=', input.destination_link_id)
    .where('media_id', 'is', null)
    .where(sql<boolean>`traffic_source_id is not distinct from ${input.traffic_source_id ?? null}::integer`)
    .where(sql<boolean>`custom_params = '{}'::jsonb`)
    .orderBy('id')
    .executeTakeFirst();
  if (existing) return { promo: await getPromo(db, existing.id, options), created: false };
  const promo = await createPromo({
    db,
    actor,
    campaignId: campaign.id,
    input: {
      destination_link_id: input.destination_link_id,
      traffic_source_id: input.traffic_source_id ?? null,
    },
    publicUrl: options.publicUrl,
  });
  return { promo, created: true };
}
