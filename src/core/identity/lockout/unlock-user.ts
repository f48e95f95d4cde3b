import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../context.ts';
import { recordAffiliateEvent } from '../event-log/record-affiliate-event.ts';

/** Lifts the lockout (by the operator or the affiliate's owner); unlocking twice is not an error. */
export async function unlockUser({
  db,
  actor,
  userId,
}: {
  db: Db;
  actor: Actor;
  userId: number;
}): Promise<void> {
  await inTransaction(db, async (trx) => {
    const row = await trx
      .updateTable('affiliate_users')
      .set({ locked_at: null, failed_sign_in_count: 0, two_factor_failed_count: 0 })
      .where('id', '=', userId)
      .returning(['id', 'affiliate_id'])
      .executeTakeFirst();
    if (!row) throw AppError.notFound(`affiliate user ${userId}`);
    // The emailed unlock link has nothing left to do.
    await trx
      .deleteFrom('identity_tokens')
      .where('affiliate_user_id', '=', userId)
      .where('purpose', '=', 'unlock')
      .where('used_at', 'is', null)
      .execute();
    await recordAffiliateEvent(trx, {
      affiliateId: row.affiliate_id,
      type: 'account_unlocked',
      userId,
      actor,
    });
  });
}
