import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { Actor } from '../../actor.ts';
import { newCode } from '../../clicks/ids.ts';
import { routesChanged } from '../../clicks/routes-changed.ts';
import type { FieldError } from '../../errors.ts';
import { assertActive, findCampaign } from '../campaigns/campaign-access.ts';
import { recordCatalogChange } from '../catalog-changes.ts';
import type { Promo, Scope } from '../types.ts';
import { getPromo } from './get-promo.ts';
import { checkCustomParams, checkLink, checkMedia, checkTrafficSource, throwIfAny } from './promo-input.ts';

/**
 * The seed's three steps in one call: (1) traffic source and landing, (2) a banner or none for a
 * direct link, (3) finish. The traffic source may be left empty and set once later.
 */
export interface CreatePromoInput {
  destination_link_id: number;
  media_id?: number | null;
  traffic_source_id?: number | null;
  title?: string;
  custom_params?: Record<string, unknown>;
}

export async function createPromo({
  db,
  actor,
  campaignId,
  input,
  ...options
}: {
  db: Db;
  actor: Actor;
  campaignId: number;
  input: CreatePromoInput;
  publicUrl: string;
  scope?: Scope;
}): Promise<Promo> {
  const scope = options.scope ?? {};
  const id = await inTransaction(db, async (trx) => {
    const campaign = await findCampaign(trx, campaignId, scope, true);
    assertActive(campaign);
    const errors: FieldError[] = [];
    const link = await checkLink(trx, campaign, input.destination_link_id, errors);
    if (input.media_id) await checkMedia(trx, campaign, input.media_id, errors);
    await checkTrafficSource(trx, input.traffic_source_id, errors);
    const customParams = checkCustomParams(input.custom_params ?? {}, errors);
    const title = input.title?.trim() || link?.name || 'Promo';
    throwIfAny(errors);
    // On the (astronomically rare) clash of codes the row is skipped and a new code drawn.
    for (;;) {
      const row = await trx
        .insertInto('promos')
        .values({
          code: newCode(),
          campaign_id: campaign.id,
          affiliate_id: campaign.affiliate_id,
          brand_id: campaign.brand_id,
          title,
          destination_link_id: input.destination_link_id,
          media_id: input.media_id ?? null,
          traffic_source_id: input.traffic_source_id ?? null,
          custom_params: JSON.stringify(customParams),
        })
        .onConflict((oc) => oc.column('code').doNothing())
        .returning('id')
        .executeTakeFirst();
      if (row) {
        await recordCatalogChange(trx, {
          entity: 'promo',
          id: row.id,
          action: 'created',
          actor,
          fields: input,
        });
        await routesChanged(trx, { table: 'promos', id: row.id });
        return row.id;
      }
    }
  });
  return getPromo(db, id, options);
}
