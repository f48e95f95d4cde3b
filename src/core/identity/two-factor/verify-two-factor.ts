import { AppError } from '../../errors.ts';
import { getAffiliateUser } from '../affiliate-user.ts';
import type { IdentityDeps } from '../context.ts';
import { checkSecondFactor } from './check-second-factor.ts';

/** Step-up: a fresh code marks the session as recently verified, for financial actions. */
export async function verifyTwoFactor({
  db,
  env,
  jobs,
  ...input
}: IdentityDeps & { userId: number; sessionId: number; code: string; ip?: string | null }): Promise<Date> {
  const user = await getAffiliateUser(db, input.userId);
  if (!user.totp_enabled_at) throw new AppError('invalid_state', 'two-factor authentication is not on');
  if (!(await checkSecondFactor({ db, env, jobs, user, code: input.code, ip: input.ip }))) {
    throw AppError.field('code', 'is not a valid two-factor or recovery code');
  }
  const at = new Date();
  await db
    .updateTable('affiliate_sessions')
    .set({ two_factor_verified_at: at })
    .where('id', '=', input.sessionId)
    .where('affiliate_user_id', '=', user.id)
    .execute();
  return at;
}
