import { inTransaction } from '../../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import type { AffiliateUserWrite } from '../context.ts';
import { recordAffiliateEvent } from '../event-log/record-affiliate-event.ts';

/**
 * Ends one session of a user of `affiliateId`. The session is looked up through both, so an id
 * from another user or affiliate is simply not found.
 */
export async function terminateSession({
  db,
  ...input
}: AffiliateUserWrite & { sessionId: number }): Promise<void> {
  await inTransaction(db, async (trx) => {
    const ended = await trx
      .deleteFrom('affiliate_sessions')
      .where('id', '=', input.sessionId)
      .where('affiliate_user_id', '=', input.userId)
      .where('affiliate_user_id', 'in', (eb) =>
        eb.selectFrom('affiliate_users').select('id').where('affiliate_id', '=', input.affiliateId),
      )
      .returning(['id', 'ip', 'user_agent'])
      .executeTakeFirst();
    if (!ended) throw AppError.notFound(`session ${input.sessionId}`);
    await recordAffiliateEvent(trx, {
      affiliateId: input.affiliateId,
      type: 'session_terminated',
      userId: input.userId,
      actor: input.actor,
      data: { session_id: ended.id, session_ip: ended.ip },
    });
  });
}
