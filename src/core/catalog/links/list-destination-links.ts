import type { Db } from '../../../db/index.ts';
import type { LinkAudience, LinkType } from '../../../db/tables/tracking.ts';
import { hideUnmanaged, managedAmong } from '../../auth/managed-affiliates.ts';
import type { DestinationLink, Scope } from '../types.ts';
import { visibleTo, withLinkRelations } from './link-relations.ts';

export interface LinkFilter {
  brand_id?: number;
  audience?: LinkAudience;
  link_type?: LinkType;
  enabled?: boolean;
  /** Only links this affiliate may use (operator view of what a partner sees). */
  visible_to_affiliate_id?: number;
  q?: string;
}

/**
 * With a scope (the partner API) the list holds only enabled links of enabled brands that are
 * public or granted to that affiliate, and never shows who else a private link is granted to.
 */
export async function listDestinationLinks(
  db: Db,
  filter: LinkFilter = {},
  scope: Scope = {},
): Promise<DestinationLink[]> {
  let query = db
    .selectFrom('destination_links')
    .selectAll('destination_links')
    .orderBy('destination_links.id');
  if (filter.brand_id !== undefined) query = query.where('brand_id', '=', filter.brand_id);
  if (filter.audience) query = query.where('audience', '=', filter.audience);
  if (filter.link_type) query = query.where('link_type', '=', filter.link_type);
  if (filter.enabled !== undefined) query = query.where('enabled', '=', filter.enabled);
  if (filter.q) query = query.where('name', 'ilike', `%${filter.q.replace(/[\\%_]/g, '\\$&')}%`);
  const affiliateId = scope.affiliateId ?? filter.visible_to_affiliate_id;
  // To a limited manager, another manager's affiliate is like a missing one: it sees public links.
  const hidden =
    scope.managerId !== undefined &&
    affiliateId !== undefined &&
    !(await managedAmong(db, scope.managerId, [affiliateId])).has(affiliateId);
  if (hidden) query = query.where('is_public', '=', true);
  else if (affiliateId !== undefined) query = query.where(visibleTo(affiliateId));
  if (scope.affiliateId !== undefined) {
    query = query
      .where('enabled', '=', true)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('brands')
            .select('brands.id')
            .whereRef('brands.id', '=', 'destination_links.brand_id')
            .where('brands.enabled', '=', true),
        ),
      );
  }
  const links = await withLinkRelations(db, await query.execute());
  if (scope.affiliateId !== undefined) return links.map((l) => ({ ...l, private_affiliate_ids: [] }));
  if (scope.managerId !== undefined)
    return hideUnmanaged(db, scope.managerId, links, 'private_affiliate_ids');
  return links;
}
