import type { Db } from '../../../db/index.ts';
import { type AffiliateUserView, toUserView } from '../affiliate-user.ts';

/** The affiliate's users, owners first. */
export async function listTeamMembers(db: Db, affiliateId: number): Promise<AffiliateUserView[]> {
  const rows = await db
    .selectFrom('affiliate_users')
    .selectAll()
    .where('affiliate_id', '=', affiliateId)
    .orderBy('is_owner', 'desc')
    .orderBy('id')
    .execute();
  return rows.map(toUserView);
}
