import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { Actor } from '../../actor.ts';
import { recordCatalogChange } from '../catalog-changes.ts';
import type { Campaign, Scope } from '../types.ts';
import { findCampaign } from './campaign-access.ts';

/**
 * Archiving declutters the active list and freezes the campaign (no new promos, no edits). Its
 * tracking links keep redirecting and recording clicks: traffic already out there is not lost.
 * Archiving an archived campaign changes nothing.
 */
export async function archiveCampaign({
  db,
  actor,
  id,
  scope = {},
}: {
  db: Db;
  actor: Actor;
  id: number;
  scope?: Scope;
}): Promise<Campaign> {
  return inTransaction(db, async (trx) => {
    const campaign = await findCampaign(trx, id, scope, true);
    if (campaign.status === 'archived') return campaign;
    await recordCatalogChange(trx, { entity: 'campaign', id, action: 'archived', actor });
    return trx
      .updateTable('campaigns')
      .set({ status: 'archived', archived_at: new Date(), updated_at: new Date() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}
