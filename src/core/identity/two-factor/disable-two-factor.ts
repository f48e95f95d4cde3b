import { inTransaction } from '../../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import { getAffiliateUser } from '../affiliate-user.ts';
import type { Actor, IdentityDeps } from '../context.ts';
import { recordAffiliateEvent } from '../event-log/record-affiliate-event.ts';
import { getSecuritySettings } from '../security-settings.ts';
import { checkSecondFactor } from './check-second-factor.ts';

/**
 * Turns 2FA off. The user proves it with a current code or a recovery code; the operator
 * (support, for a lost phone) passes `code: null`. A user cannot turn it off while the operator
 * requires it for everyone.
 */
export async function disableTwoFactor({
  db,
  env,
  jobs,
  ...input
}: IdentityDeps & { userId: number; code: string | null; actor: Actor }): Promise<void> {
  const user = await getAffiliateUser(db, input.userId);
  if (!user.totp_enabled_at) {
    if (input.code === null) return;
    throw new AppError('invalid_state', 'two-factor authentication is not on');
  }
  if (input.code !== null) {
    if ((await getSecuritySettings(db)).require_two_factor) {
      throw new AppError(
        'invalid_state',
        'the affiliate program requires two-factor authentication for everyone',
      );
    }
    if (!(await checkSecondFactor({ db, env, jobs, user, code: input.code, ip: input.actor.ip }))) {
      throw AppError.field('code', 'is not a valid two-factor or recovery code');
    }
  }
  await inTransaction(db, async (trx) => {
    await trx
      .updateTable('affiliate_users')
      .set({ totp_secret: null, totp_pending_secret: null, totp_enabled_at: null, totp_last_counter: null })
      .where('id', '=', user.id)
      .execute();
    await trx.deleteFrom('affiliate_recovery_codes').where('affiliate_user_id', '=', user.id).execute();
    await trx
      .updateTable('affiliate_sessions')
      .set({ two_factor_verified_at: null })
      .where('affiliate_user_id', '=', user.id)
      .execute();
    await recordAffiliateEvent(trx, {
      affiliateId: user.affiliate_id,
      type: 'two_factor_disabled',
      userId: user.id,
      actor: input.actor,
      data: input.code === null ? { reset_by_operator: true } : {},
    });
  });
}
