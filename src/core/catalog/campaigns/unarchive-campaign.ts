import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { Actor } from '../../actor.ts';
import { recordCatalogChange } from '../catalog-changes.ts';
import type { Campaign, Scope } from '../types.ts';
import { findCampaign } from './campaign-access.ts';

/** Back to active: promos can be added and edited again. Unarchiving an active one changes nothing. */
export async function unarchiveCampaign({
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
    if (campaign.status === 'active') return campaign;
    await recordCatalogChange(trx, { entity: 'campaign', id, action: 'unarchived', actor });
    return trx
      .updateTable('campaigns')
      .set({ status: 'active', archived_at: null, updated_at: new Date() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}
