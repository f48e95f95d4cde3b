import type { Db } from '../../../db/index.ts';
import { type AffiliateApiKey, toAffiliateApiKey } from './affiliate-api-key.ts';

/** The affiliate's keys; `userId` narrows to the keys acting as one user. */
export async function listAffiliateApiKeys(
  db: Db,
  input: { affiliateId: number; userId?: number; includeRevoked?: boolean },
): Promise<AffiliateApiKey[]> {
  let query = db
    .selectFrom('affiliate_api_keys')
    .selectAll()
    .where('affiliate_id', '=', input.affiliateId)
    .orderBy('id');
  if (input.userId !== undefined) query = query.where('affiliate_user_id', '=', input.userId);
  if (!input.includeRevoked) query = query.where('revoked_at', 'is', null);
  return (await query.execute()).map(toAffiliateApiKey);
}
