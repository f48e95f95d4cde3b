// @internal: only core/catalog imports this file.
import type { Db } from '../../../db/index.ts';
import { managedAffiliateIds } from '../../auth/managed-affiliates.ts';
import { AppError } from '../../errors.ts';
import type { Campaign, Scope } from '../types.ts';

/** The campaign, locked for the rest of the transaction when asked; others' are not found. */
export async function findCampaign(db: Db, id: number, scope: Scope, lock = false): Promise<Campaign> {
  let query = db.selectFrom('campaigns').selectAll().where('id', '=', id);
  if (scope.affiliateId !== undefined) query = query.where('affiliate_id', '=', scope.affiliateId);
  if (scope.managerId !== undefined) {
    query = query.where('affiliate_id', 'in', managedAffiliateIds(db, scope.managerId));
  }
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw AppError.notFound(`campaign ${id}`);
  return row;
}

/** Archived campaigns accept no new promos and no edits until they are unarchived. */
export function assertActive(campaign: Campaign): void {
  if (campaign.status === 'archived') {
    throw new AppError('invalid_state', `campaign ${campaign.id} is archived; unarchive it first`, {
      campaign_id: campaign.id,
      status: campaign.status,
    });
  }
}
