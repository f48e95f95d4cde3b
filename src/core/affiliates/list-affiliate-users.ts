import type { Db } from '../../db/index.ts';
import { AppError } from '../errors.ts';
import { type AffiliateUser, toAffiliateUser, USER_COLUMNS } from './users.ts';

export async function assertAffiliateExists(db: Db, affiliateId: number): Promise<void> {
  const found = await db
    .selectFrom('affiliates')
    .select('id')
    .where('id', '=', affiliateId)
    .executeTakeFirst();
  if (!found) throw AppError.notFound('affiliate');
}

export async function listAffiliateUsers(db: Db, affiliateId: number): Promise<AffiliateUser[]> {
  await assertAffiliateExists(db, affiliateId);
  const rows = await db
    .selectFrom('affiliate_users')
    .select(USER_COLUMNS)
    .where('affiliate_id', '=', affiliateId)
    .orderBy('id')
    .execute();
  return rows.map(toAffiliateUser);
}

/** A user of this affiliate: another affiliate's user id is "not found", never revealed. */
export async function getAffiliateUser(db: Db, affiliateId: number, userId: number): Promise<AffiliateUser> {
  await assertAffiliateExists(db, affiliateId);
  const row = await db
    .selectFrom('affiliate_users')
    .select(USER_COLUMNS)
    .where('affiliate_id', '=', affiliateId)
    .where('id', '=', userId)
    .executeTakeFirst();
  if (!row) throw AppError.notFound('affiliate user');
  return toAffiliateUser(row);
}
