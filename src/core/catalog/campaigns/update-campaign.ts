import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { Actor } from '../../actor.ts';
import { AppError } from '../../errors.ts';
import { recordCatalogChange } from '../catalog-changes.ts';
import type { Campaign, Scope } from '../types.ts';
import { assertActive, findCampaign } from './campaign-access.ts';

export interface UpdateCampaignInput {
  name?: string;
  commission_plan_id?: number | null;
}

export async function updateCampaign({
  db,
  actor,
  id,
  input,
  scope = {},
}: {
  db: Db;
  actor: Actor;
  id: number;
  input: UpdateCampaignInput;
  scope?: Scope;
}): Promise<Campaign> {
  const name = input.name?.trim();
  if (input.name !== undefined && !name) throw AppError.field('name', 'must not be empty');
  return inTransaction(db, async (trx) => {
    assertActive(await findCampaign(trx, id, scope, true));
    await recordCatalogChange(trx, { entity: 'campaign', id, action: 'updated', actor, fields: input });
    return trx
      .updateTable('campaigns')
      .set({ ...input, ...(name !== undefined ? { name } : {}), updated_at: new Date() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
}
