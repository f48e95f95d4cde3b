import { inTransaction } from '../../../db/transaction.ts';
import { findAffiliateUser } from '../affiliate-user.ts';
import type { AffiliateUserWrite } from '../context.ts';
import { recordAffiliateEvent } from '../event-log/record-affiliate-event.ts';

/** Expires the user's statistic token without issuing another; feeds stop until one is generated. */
export async function expireStatisticToken({ db, ...input }: AffiliateUserWrite): Promise<void> {
  await inTransaction(db, async (trx) => {
    const user = await findAffiliateUser(trx, input.affiliateId, input.userId);
    if (!user.statistic_token) return;
    await trx
      .updateTable('affiliate_users')
      .set({ statistic_token: null, statistic_token_created_at: null })
      .where('id', '=', user.id)
      .execute();
    await recordAffiliateEvent(trx, {
      affiliateId: input.affiliateId,
      type: 'statistic_token_expired',
      userId: user.id,
      actor: input.actor,
    });
  });
}
