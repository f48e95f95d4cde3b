import type { Db } from '../../../db/index.ts';
import type { Campaign, Scope } from '../types.ts';
import { findCampaign } from './campaign-access.ts';

export function getCampaign(db: Db, id: number, scope: Scope = {}): Promise<Campaign> {
  return findCampaign(db, id, scope);
}
