import { inTransaction } from '../../../db/transaction.ts';
import { randomToken } from '../../auth/secrets.ts';
import { findAffiliateUser } from '../affiliate-user.ts';
import type { AffiliateUserWrite } from '../context.ts';
import { recordAffiliateEvent } from '../event-log/record-affiliate-event.ts';

export const STATISTIC_TOKEN_PREFIX = 'st_';

/**
 * A new statistic token for a user of `affiliateId` (oneself, or a team member by the owner);
 * the old one, and every feed URL holding it, stops working.
 */
export async function regenerateStatisticToken({
  db,
  ...input
}: AffiliateUserWrite): Promise<{ statistic_token: string; created_at: Date }> {
  const token = `${STATISTIC_TOKEN_PREFIX}${randomToken(24)}`;
  const createdAt = new Date();
  await inTransaction(db, async (trx) => {
    await findAffiliateUser(trx, input.affiliateId, input.userId);
    await trx
      .updateTable('affiliate_users')
      .set({ statistic_token: token, statistic_token_created_at: createdAt })
      .where('id', '=', input.userId)
      .execute();
    await recordAffiliateEvent(trx, {
      affiliateId: input.affiliateId,
      type: 'statistic_token_regenerated',
      userId: input.userId,
      actor: input.actor,
    });
  });
  return { statistic_token: token, created_at: createdAt };
}
