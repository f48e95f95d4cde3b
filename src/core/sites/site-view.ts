// @internal: a site as both APIs show it, loading one in a scope, and its history
import type { Selectable } from 'kysely';
import type { Db } from '../../db/index.ts';
import type { AffiliateSitesTable } from '../../db/tables/sites.ts';
import { type Actor, actorColumns } from '../actor.ts';
import { managedAffiliateIds } from '../auth/managed-affiliates.ts';
import { AppError } from '../errors.ts';
import { recordAffiliateEvent } from '../identity/event-log/record-affiliate-event.ts';
import { SITE_CATEGORIES } from './categories.ts';

export type SiteRow = Selectable<AffiliateSitesTable>;

export interface SiteView extends SiteRow {
  category_description: string;
}

export const siteView = (row: SiteRow): SiteView => ({
  ...row,
  category_description: SITE_CATEGORIES.find((c) => c.code === row.category_code)?.description ?? '',
});

/** Who may see a site: the affiliate itself, or a manager limited to its affiliates. */
export interface SiteScope {
  affiliateId?: number;
  managerId?: number;
}

export async function loadSiteRow(db: Db, id: number, scope: SiteScope, lock = false): Promise<SiteRow> {
  let q = db.selectFrom('affiliate_sites').selectAll().where('id', '=', id);
  if (scope.affiliateId !== undefined) q = q.where('affiliate_id', '=', scope.affiliateId);
  if (scope.managerId !== undefined)
    q = q.where('affiliate_id', 'in', managedAffiliateIds(db, scope.managerId));
  const row = await (lock ? q.forUpdate() : q).executeTakeFirst();
  if (!row) throw AppError.notFound('site');
  return row;
}

/** The site's own history and the affiliate's events log, with who did it. */
export async function recordSiteChange(
  trx: Db,
  change: {
    site: SiteRow;
    action: 'created' | 'updated' | 'approved' | 'declined' | 'reopened';
    actor: Actor;
    detail?: Record<string, unknown>;
  },
): Promise<void> {
  const detail = change.detail ?? {};
  await trx
    .insertInto('affiliate_site_changes')
    .values({
      site_id: change.site.id,
      action: change.action,
      detail: JSON.stringify(detail),
      ...actorColumns(change.actor),
      actor_name: change.actor.name.slice(0, 200),
    })
    .execute();
  await recordAffiliateEvent(trx, {
    affiliateId: change.site.affiliate_id,
    type: `site_${change.action}`,
    actor: change.actor,
    data: { site_id: change.site.id, ...detail },
  });
}
