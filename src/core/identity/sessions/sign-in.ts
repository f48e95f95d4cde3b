import { inTransaction } from '../../../db/transaction.ts';
import { verifyPassword } from '../../auth/passwords.ts';
import { AppError } from '../../errors.ts';
import type { IdentityDeps } from '../context.ts';
import { recordAffiliateEvent } from '../event-log/record-affiliate-event.ts';
import { recordFailedSignIn } from '../lockout/record-failed-sign-in.ts';
import type { SignInThrottle } from '../lockout/sign-in-throttle.ts';
import { PORTAL_STATUSES } from '../partner-principal.ts';
import { checkSecondFactor } from '../two-factor/check-second-factor.ts';
import { createPartnerSession, type PartnerSessionCookie } from './create-partner-session.ts';

export interface SignInInput {
  email: string;
  password: string;
  /** The authenticator code or a recovery code, for users with 2FA on. */
  code?: string;
  ip: string;
  userAgent?: string;
}

const WRONG = 'email or password is incorrect';

/**
 * Signs an affiliate user in to the portal. Wrong email and wrong password answer alike; the
 * account's state (locked, blocked, pending) is told only to someone who knows the password.
 */
export async function signIn({
  db,
  env,
  jobs,
  throttle,
  input,
}: IdentityDeps & {
  throttle: SignInThrottle;
  input: SignInInput;
}): Promise<PartnerSessionCookie & { userId: number }> {
  const email = input.email.trim().toLowerCase();
  throttle.check(input.ip, email);
  const user = await db
    .selectFrom('affiliate_users as u')
    .innerJoin('affiliates as a', 'a.id', 'u.affiliate_id')
    .selectAll('u')
    .select('a.status as affiliate_status')
    .where('u.email', '=', email)
    .executeTakeFirst();
  const fail = async (message: string, details: unknown = null): Promise<never> => {
    throttle.fail(input.ip, email);
    if (user) await recordFailedSignIn({ db, env, jobs, userId: user.id, ip: input.ip });
    throw new AppError('unauthenticated', message, details);
  };
  if (!(await verifyPassword(user?.password_hash, input.password)) || !user) return fail(WRONG);
  if (user.locked_at) {
    throw new AppError('forbidden', 'the account is locked; follow the link in the unlock email', {
      reason: 'locked',
    });
  }
  if (user.status !== 'active') {
    throw new AppError(
      'forbidden',
      'the account is blocked; contact the account owner or the affiliate program',
      {
        reason: 'blocked',
      },
    );
  }
  if (!PORTAL_STATUSES.includes(user.affiliate_status)) {
    const reason = `affiliate_${user.affiliate_status}`;
    const why =
      user.affiliate_status === 'pending' ? 'is waiting for approval' : `is ${user.affiliate_status}`;
    throw new AppError('forbidden', `the affiliate account ${why}`, { reason });
  }
  let usedCode = false;
  if (user.totp_enabled_at) {
    if (!input.code?.trim()) {
      throw new AppError('unauthenticated', 'enter the code from your authenticator app', {
        reason: 'two_factor_required',
      });
    }
    if (!(await checkSecondFactor({ db, env, jobs, user, code: input.code, ip: input.ip }))) {
      return fail('the two-factor code is incorrect', { reason: 'two_factor_invalid' });
    }
    usedCode = true;
  }
  throttle.succeed(email);
  return inTransaction(db, async (trx) => {
    await trx
      .updateTable('affiliate_users')
      .set({ failed_sign_in_count: 0, last_sign_in_at: new Date(), last_sign_in_ip: input.ip })
      .where('id', '=', user.id)
      .execute();
    await trx
      .updateTable('affiliates')
      .set({ last_login_at: new Date() })
      .where('id', '=', user.affiliate_id)
      .execute();
    const session = await createPartnerSession(trx, {
      userId: user.id,
      method: 'password',
      ttlHours: env.sessionTtlHours,
      twoFactorVerified: usedCode,
      ip: input.ip,
      userAgent: input.userAgent,
    });
    await recordAffiliateEvent(trx, {
      affiliateId: user.affiliate_id,
      type: 'signed_in',
      userId: user.id,
      actor: { type: 'affiliate_user', id: user.id, name: user.email, ip: input.ip },
      data: { method: 'password', session_id: session.id, two_factor: usedCode },
    });
    return { ...session, userId: user.id };
  });
}
