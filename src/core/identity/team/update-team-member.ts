import { inTransaction } from '../../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import { type AffiliateUserView, findAffiliateUser, toUserView } from '../affiliate-user.ts';
import type { AffiliateUserWrite } from '../context.ts';
import { recordAffiliateEvent } from '../event-log/record-affiliate-event.ts';

export interface TeamMemberChange {
  /** blocked: cannot sign in, sessions and API keys stop working. */
  status?: 'active' | 'blocked';
  /** false lifts a lockout after failed sign-ins. */
  locked?: false;
}

/** What the owner may change on a team member: block, unblock, unlock. Never on an owner. */
export async function updateTeamMember({
  db,
  ...input
}: AffiliateUserWrite & { change: TeamMemberChange }): Promise<AffiliateUserView> {
  return inTransaction(db, async (trx) => {
    const user = await findAffiliateUser(trx, input.affiliateId, input.userId);
    if (user.is_owner)
      throw new AppError('invalid_state', 'an owner can only be changed by the affiliate program');
    const event = (type: string) =>
      recordAffiliateEvent(trx, {
        affiliateId: input.affiliateId,
        type,
        userId: user.id,
        actor: input.actor,
      });
    const { status, locked } = input.change;
    if (status && status !== user.status) {
      await trx
        .updateTable('affiliate_users')
        .set({ status, updated_at: new Date() })
        .where('id', '=', user.id)
        .execute();
      if (status === 'blocked') {
        await trx.deleteFrom('affiliate_sessions').where('affiliate_user_id', '=', user.id).execute();
      }
      await event(status === 'blocked' ? 'team_member_blocked' : 'team_member_unblocked');
    }
    if (locked === false && user.locked_at) {
      await trx
        .updateTable('affiliate_users')
        .set({ locked_at: null, failed_sign_in_count: 0, two_factor_failed_count: 0 })
        .where('id', '=', user.id)
        .execute();
      await trx
        .deleteFrom('identity_tokens')
        .where('affiliate_user_id', '=', user.id)
        .where('purpose', '=', 'unlock')
        .where('used_at', 'is', null)
        .execute();
      await event('account_unlocked');
    }
    return toUserView(await findAffiliateUser(trx, input.affiliateId, input.userId));
  });
}
