import type { Db } from '../../../db/index.ts';
import { hideUnmanaged } from '../../auth/managed-affiliates.ts';
import { AppError } from '../../errors.ts';
import type { DestinationLink, Scope } from '../types.ts';
import { visibleTo, withLinkRelations } from './link-relations.ts';

/** With a scope, only a link the affiliate may use (enabled, public or granted) is found. */
export async function getDestinationLink(db: Db, id: number, scope: Scope = {}): Promise<DestinationLink> {
  let query = db.selectFrom('destination_links').selectAll().where('id', '=', id);
  if (scope.affiliateId !== undefined) {
    query = query.where('enabled', '=', true).where(visibleTo(scope.affiliateId));
  }
  const row = await query.executeTakeFirst();
  if (!row) throw AppError.notFound(`destination link ${id}`);
  const [link] = await withLinkRelations(db, [row]);
  if (scope.affiliateId !== undefined) return { ...link!, private_affiliate_ids: [] };
  if (scope.managerId !== undefined) {
    const [shown] = await hideUnmanaged(db, scope.managerId, [link!], 'private_affiliate_ids');
    return shown!;
  }
  return link!;
}
