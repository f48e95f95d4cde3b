// @internal: only core/postbacks imports this file.
import type { Db } from '../../db/index.ts';
import { managedAffiliateIds } from '../auth/managed-affiliates.ts';
import type { Scope } from '../catalog/types.ts';
import { AppError } from '../errors.ts';

/** Definitions the scope reaches (an affiliate's own, a limited manager's affiliates'), not deleted. */
export function definitionsIn(db: Db, scope: Scope) {
  let query = db.selectFrom('postback_definitions').where('postback_definitions.deleted_at', 'is', null);
  if (scope.affiliateId !== undefined)
    query = query.where('postback_definitions.affiliate_id', '=', scope.affiliateId);
  if (scope.managerId !== undefined)
    query = query.where('postback_definitions.affiliate_id', 'in', managedAffiliateIds(db, scope.managerId));
  return query;
}

/** The definition's row; another affiliate's (or a deleted one) is not found. */
export async function findDefinition(db: Db, id: number, scope: Scope, lock = false) {
  let query = definitionsIn(db, scope).selectAll().where('id', '=', id);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw AppError.notFound(`postback ${id}`);
  return row;
}
