import type { Db } from '../../../db/index.ts';
import { managedAffiliateIds } from '../../auth/managed-affiliates.ts';
import { AppError } from '../../errors.ts';
import { type Promo, type Scope, toPromo } from '../types.ts';
import { selectPromos } from './promo-query.ts';

export async function getPromo(
  db: Db,
  id: number,
  options: { publicUrl: string; scope?: Scope },
): Promise<Promo> {
  let query = selectPromos(db).where('promos.id', '=', id);
  const affiliateId = options.scope?.affiliateId;
  if (affiliateId !== undefined) query = query.where('promos.affiliate_id', '=', affiliateId);
  const managerId = options.scope?.managerId;
  if (managerId !== undefined) {
    query = query.where('promos.affiliate_id', 'in', managedAffiliateIds(db, managerId));
  }
  const row = await query.executeTakeFirst();
  if (!row) throw AppError.notFound(`promo ${id}`);
  return toPromo(row, options.publicUrl);
}
