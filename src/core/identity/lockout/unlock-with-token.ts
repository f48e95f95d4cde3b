import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import { recordAffiliateEvent } from '../event-log/record-affiliate-event.ts';
import { consumeIdentityToken } from '../identity-tokens.ts';

/** The link from the unlock email: works once. A staff user's link is refused like an unknown one. */
export async function unlockWithToken({
  db,
  token,
  ip,
}: {
  db: Db;
  token: string;
  /** The address the link was opened from, recorded on the event. */
  ip: string | null;
}): Promise<{ email: string }> {
  return inTransaction(db, async (trx) => {
    const used = await consumeIdentityToken(trx, token, ['unlock']);
    if (used.affiliate_user_id === null)
      throw new AppError('gone', 'the link is invalid, expired or already used');
    const row = await trx
      .updateTable('affiliate_users')
      .set({ locked_at: null, failed_sign_in_count: 0, two_factor_failed_count: 0 })
      .where('id', '=', used.affiliate_user_id)
      .returning(['id', 'affiliate_id', 'email'])
      .executeTakeFirstOrThrow();
    await recordAffiliateEvent(trx, {
      affiliateId: row.affiliate_id,
      type: 'account_unlocked',
      userId: row.id,
      actor: { type: 'affiliate_user', id: row.id, name: row.email, ip },
      data: { via: 'email_link' },
    });
    return { email: row.email };
  });
}
