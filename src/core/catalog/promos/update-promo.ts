import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { Actor } from '../../actor.ts';
import { managedAffiliateIds } from '../../auth/managed-affiliates.ts';
import { routesChanged } from '../../clicks/routes-changed.ts';
import { AppError, type FieldError } from '../../errors.ts';
import { assertActive, findCampaign } from '../campaigns/campaign-access.ts';
import { recordCatalogChange } from '../catalog-changes.ts';
import type { Promo, Scope } from '../types.ts';
import { getPromo } from './get-promo.ts';
import { checkCustomParams, checkLink, checkMedia, checkTrafficSource, throwIfAny } from './promo-input.ts';

export interface UpdatePromoInput {
  title?: string;
  destination_link_id?: number;
  media_id?: number | null;
  traffic_source_id?: number | null;
  custom_params?: Record<string, unknown>;
  /** Operator only: a disabled promo's link goes to the fallback URL. */
  enabled?: boolean;
}

/**
 * Edits a promo of an active campaign. Its traffic source may be set once when empty and never
 * changed or cleared afterwards (the database enforces it too).
 */
export async function updatePromo({
  db,
  actor,
  id,
  input,
  ...options
}: {
  db: Db;
  actor: Actor;
  id: number;
  input: UpdatePromoInput;
  publicUrl: string;
  scope?: Scope;
}): Promise<Promo> {
  const scope = options.scope ?? {};
  await inTransaction(db, async (trx) => {
    let query = trx.selectFrom('promos').selectAll().where('id', '=', id).forUpdate();
    if (scope.affiliateId !== undefined) query = query.where('affiliate_id', '=', scope.affiliateId);
    if (scope.managerId !== undefined) {
      query = query.where('affiliate_id', 'in', managedAffiliateIds(trx, scope.managerId));
    }
    const promo = await query.executeTakeFirst();
    if (!promo) throw AppError.notFound(`promo ${id}`);
    const campaign = await findCampaign(trx, promo.campaign_id, {}, true);
    assertActive(campaign);
    if (
      input.traffic_source_id !== undefined &&
      promo.traffic_source_id !== null &&
      input.traffic_source_id !== promo.traffic_source_id
    ) {
      throw new AppError('invalid_state', 'the traffic source of a promo is set once and cannot be changed', {
        field: 'traffic_source_id',
        traffic_source_id: promo.traffic_source_id,
      });
    }
    const errors: FieldError[] = [];
    const title = input.title?.trim();
    if (input.title !== undefined && !title) errors.push({ path: 'title', message: 'must not be empty' });
    if (input.destination_link_id !== undefined && input.destination_link_id !== promo.destination_link_id) {
      await checkLink(trx, campaign, input.destination_link_id, errors);
    }
    if (input.media_id) await checkMedia(trx, campaign, input.media_id, errors);
    if (input.traffic_source_id !== promo.traffic_source_id) {
      await checkTrafficSource(trx, input.traffic_source_id, errors);
    }
    const params = input.custom_params ? checkCustomParams(input.custom_params, errors) : undefined;
    throwIfAny(errors);
    await trx
      .updateTable('promos')
      .set({
        ...(title !== undefined ? { title } : {}),
        ...(input.destination_link_id !== undefined
          ? { destination_link_id: input.destination_link_id }
          : {}),
        ...(input.media_id !== undefined ? { media_id: input.media_id } : {}),
        ...(input.traffic_source_id !== undefined ? { traffic_source_id: input.traffic_source_id } : {}),
        ...(params ? { custom_params: JSON.stringify(params) } : {}),
        ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    await recordCatalogChange(trx, { entity: 'promo', id, action: 'updated', actor, fields: input });
    await routesChanged(trx, { table: 'promos', id });
  });
  return getPromo(db, id, options);
}
