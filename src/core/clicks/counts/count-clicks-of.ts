import type { Db } from '../../../db/index.ts';
import { managedAffiliateIds } from '../../auth/managed-affiliates.ts';
import type { Scope } from '../../catalog/types.ts';
import type { ClickPeriods } from './periods.ts';
import { type ClickCounts, noClicks, periodsIn, tallyClicks } from './tally.ts';

export type CountedSubject = 'affiliate' | 'campaign' | 'promo' | 'destination_link';

export interface CountClicksOfInput {
  db: Db;
  subject: CountedSubject;
  ids: readonly number[];
  timeZone?: string;
  scope?: Scope;
}

/**
 * Click counts of each of several affiliates, campaigns, promos or destination links, in the
 * order asked. An id that names nothing the scope reaches (missing, or another affiliate's) is
 * left out, exactly like a missing one; one with no clicks gets zeros.
 */
export async function countClicksOf(
  input: CountClicksOfInput,
): Promise<{ periods: ClickPeriods; data: (ClickCounts & { id: number })[] }> {
  const { db, subject, scope = {} } = input;
  const periods = periodsIn(input.timeZone);
  const found = await reachable(db, subject, [...new Set(input.ids)], scope);
  const counts = await tallyClicks(db, subject, found, periods, scope);
  return { periods, data: found.map((id) => ({ id, ...(counts.get(id) ?? noClicks()) })) };
}

/** Those of `ids` that exist and the scope reaches, in their order. */
async function reachable(db: Db, subject: CountedSubject, ids: number[], scope: Scope): Promise<number[]> {
  if (ids.length === 0) return [];
  let rows: { id: number }[];
  if (subject === 'affiliate') {
    let query = db.selectFrom('affiliates').select('id').where('id', 'in', ids);
    if (scope.affiliateId !== undefined) query = query.where('id', '=', scope.affiliateId);
    if (scope.managerId !== undefined) query = query.where('account_manager_id', '=', scope.managerId);
    rows = await query.execute();
  } else if (subject === 'destination_link') {
    let query = db.selectFrom('destination_links').select('id').where('id', 'in', ids);
    // To an affiliate, only the links it has promos on.
    if (scope.affiliateId !== undefined) {
      const mine = db
        .selectFrom('promos')
        .select('destination_link_id')
        .where('affiliate_id', '=', scope.affiliateId);
      query = query.where('id', 'in', mine);
    }
    rows = await query.execute();
  } else {
    let query = db
      .selectFrom(subject === 'campaign' ? 'campaigns' : 'promos')
      .select('id')
      .where('id', 'in', ids);
    if (scope.affiliateId !== undefined) query = query.where('affiliate_id', '=', scope.affiliateId);
    if (scope.managerId !== undefined)
      query = query.where('affiliate_id', 'in', managedAffiliateIds(db, scope.managerId));
    rows = await query.execute();
  }
  const present = new Set(rows.map((r) => r.id));
  return ids.filter((id) => present.has(id));
}
