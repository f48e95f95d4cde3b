import type { Db } from '../../db/index.ts';
import { AppError } from '../errors.ts';
import { type AffiliateRelationship, loadRelationships } from './affiliate-relationships.ts';
import { type AffiliateView, toAffiliateView } from './affiliate-view.ts';
import { stateFromRow } from './load-states.ts';

/**
 * One affiliate with the relationships asked for (and no others: each costs a query). For a
 * limited manager (`managerId`), its referrer and referrals show only affiliates they manage.
 */
export async function getAffiliate(
  db: Db,
  id: number,
  relationships: readonly AffiliateRelationship[] = [],
  managerId?: number,
): Promise<AffiliateView> {
  const row = await db.selectFrom('affiliates').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw AppError.notFound('affiliate');
  const state = stateFromRow(row);
  const view = toAffiliateView(state);
  view.relationships = await loadRelationships(db, state, relationships, managerId);
  return view;
}
