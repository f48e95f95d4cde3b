import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';
import { managedAffiliateIds } from '../auth/managed-affiliates.ts';
import type { Scope } from '../catalog/types.ts';

export type SetupStep = 'brand' | 'destination_link' | 'banner' | 'commission_plan' | 'affiliate' | 'click';

export interface SetupChecklistItem {
  step: SetupStep;
  /** Whether the platform already has one. */
  done: boolean;
  /** False while the feature the step needs is not part of this version (commission plans). */
  available: boolean;
}

/**
 * The first-run checklist, read from the data itself: each step is done once its first row
 * exists. Commission plans come with their own feature: until its table exists, that step is
 * reported as not available rather than as done or to do. A limited manager's affiliate and
 * click steps count their own affiliates only.
 */
export async function getSetupChecklist(db: Db, scope: Scope = {}): Promise<SetupChecklistItem[]> {
  const exists = async (table: 'brands' | 'destination_links' | 'media') =>
    (await db.selectFrom(table).select('id').limit(1).executeTakeFirst()) !== undefined;
  let affiliates = db.selectFrom('affiliates').select('id');
  let traffic = db.selectFrom('affiliate_traffic').select('affiliate_id');
  if (scope.managerId !== undefined) {
    affiliates = affiliates.where('id', 'in', managedAffiliateIds(db, scope.managerId));
    traffic = traffic.where('affiliate_id', 'in', managedAffiliateIds(db, scope.managerId));
  }
  const [brand, link, banner, plans, affiliate, click] = await Promise.all([
    exists('brands'),
    exists('destination_links'),
    exists('media'),
    commissionPlans(db),
    affiliates.limit(1).executeTakeFirst(),
    traffic.limit(1).executeTakeFirst(),
  ]);
  return [
    { step: 'brand', done: brand, available: true },
    { step: 'destination_link', done: link, available: true },
    { step: 'banner', done: banner, available: true },
    { step: 'commission_plan', done: plans === 'some', available: plans !== 'no table' },
    { step: 'affiliate', done: affiliate !== undefined, available: true },
    { step: 'click', done: click !== undefined, available: true },
  ];
}

/** Whether a commission plan exists, or the table for them does not (yet). */
async function commissionPlans(db: Db): Promise<'no table' | 'none' | 'some'> {
  const table = await sql<{
    found: boolean;
  }>`select to_regclass('commission_plans') is not null as found`.execute(db);
  if (!table.rows[0]?.found) return 'no table';
  const row = await sql`select 1 from commission_plans limit 1`.execute(db);
  return row.rows.length ? 'some' : 'none';
}
