import { inTransaction } from '../../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import { getAffiliateUser } from '../affiliate-user.ts';
import type { Actor, IdentityDeps } from '../context.ts';
import { recordAffiliateEvent } from '../event-log/record-affiliate-event.ts';
import { checkSecondFactor } from './check-second-factor.ts';
import { replaceRecoveryCodes } from './recovery-codes.ts';

/** New recovery codes (the old ones stop working), after a current code proves the user. */
export async function regenerateRecoveryCodes({
  db,
  env,
  jobs,
  ...input
}: IdentityDeps & { userId: number; code: string; actor: Actor }): Promise<string[]> {
  const user = await getAffiliateUser(db, input.userId);
  if (!user.totp_enabled_at) throw new AppError('invalid_state', 'two-factor authentication is not on');
  if (!(await checkSecondFactor({ db, env, jobs, user, code: input.code, ip: input.actor.ip }))) {
    throw AppError.field('code', 'is not a valid two-factor or recovery code');
  }
  return inTransaction(db, async (trx) => {
    const codes = await replaceRecoveryCodes(trx, user.id);
    await recordAffiliateEvent(trx, {
      affiliateId: user.affiliate_id,
      type: 'recovery_codes_regenerated',
      userId: user.id,
      actor: input.actor,
    });
    return codes;
  });
}
