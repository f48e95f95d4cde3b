// @internal: only core/catalog imports this file.
import type { ExpressionBuilder, Selectable } from 'kysely';
import type { DB, Db } from '../../../db/index.ts';
import type { DestinationLinksTable } from '../../../db/tables/tracking.ts';
import type { DestinationLink } from '../types.ts';

/** Adds each link's private affiliate list and assets, two queries for the whole page. */
export async function withLinkRelations(
  db: Db,
  rows: Selectable<DestinationLinksTable>[],
): Promise<DestinationLink[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [grants, assets] = await Promise.all([
    db
      .selectFrom('destination_link_affiliates')
      .selectAll()
      .where('destination_link_id', 'in', ids)
      .orderBy('affiliate_id')
      .execute(),
    db
      .selectFrom('destination_link_assets')
      .selectAll()
      .where('destination_link_id', 'in', ids)
      .orderBy('media_id')
      .execute(),
  ]);
  return rows.map((row) => ({
    ...row,
    private_affiliate_ids: grants.filter((g) => g.destination_link_id === row.id).map((g) => g.affiliate_id),
    asset_ids: assets.filter((a) => a.destination_link_id === row.id).map((a) => a.media_id),
  }));
}

/** Links an affiliate may use: public ones, and private ones granted to them. */
export function visibleTo(affiliateId: number) {
  return (eb: ExpressionBuilder<DB, 'destination_links'>) =>
    eb.or([
      eb('destination_links.is_public', '=', true),
      eb.exists(
        eb
          .selectFrom('destination_link_affiliates as g')
          .select('g.affiliate_id')
          .whereRef('g.destination_link_id', '=', 'destination_links.id')
          .where('g.affiliate_id', '=', affiliateId),
      ),
    ]);
}
