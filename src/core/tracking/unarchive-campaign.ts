import type { Db } from '../../db/index.ts';
import { findCampaign } from './campaign-access.ts';
import type { Campaign, Scope } from './types.ts';

/** Back to active: promos can be added and edited again. Unarchiving an active one changes nothing. */
export async function unarchiveCampaign(db: Db, id: number, scope: Scope = {}): Promise<Campaign> {
  return db.transaction().execute(async (trx) => {
    const campaign = await findCampaign(trx, id, scope, true);
    if (campaign.status === 'active') return campaign;
    return trx
      .updateTable('campaigns')
      .set({ status: 'active', archived_at: null, updated_at: new Date() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}
