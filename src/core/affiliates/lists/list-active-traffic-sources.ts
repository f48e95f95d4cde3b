import type { Db } from '../../../db/index.ts';

export interface TrafficSourceChoice {
  id: number;
  name: string;
  description: string;
}

/**
 * The traffic sources an affiliate can choose (on sign-up, for a promo): the operator's list
 * without the archived ones, by name. Public, so it says nothing of who uses them.
 */
export async function listActiveTrafficSources(db: Db): Promise<TrafficSourceChoice[]> {
  return db
    .selectFrom('traffic_sources')
    .select(['id', 'name', 'description'])
    .where('status', '=', 'active')
    .orderBy('name')
    .orderBy('id')
    .execute();
}
