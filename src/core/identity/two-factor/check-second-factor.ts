// @internal: only core/identity imports this file.
import { sql } from 'kysely';
import type { Db } from '../../../db/index.ts';
import { unseal } from '../../auth/sealed-secret.ts';
import { AppError } from '../../errors.ts';
import type { AffiliateUserRow } from '../affiliate-user.ts';
import type { IdentityDeps, IdentityEnv } from '../context.ts';
import { lockAffiliateUser } from '../lockout/lock-affiliate-user.ts';
import { redeemRecoveryCode } from './recovery-codes.ts';
import { acceptedCounter, normalizeCode } from './totp.ts';

export const SECOND_FACTOR_LOCKED =
  'the account is locked after too many wrong two-factor codes; follow the link in the unlock email';

/**
 * Checks a code from the authenticator app (six digits) or a recovery code against a user with
 * 2FA on. Accepting either records it, so the same code never works twice. Every check counts:
 * TWO_FACTOR_LOCKOUT_ATTEMPTS wrong codes in a row, wherever they were tried (sign-in, step-up,
 * turning 2FA off, new recovery codes), lock the account like failed sign-ins do, and from then on
 * even the right code is refused (403, details.reason "two_factor_locked") until it is unlocked.
 */
export async function checkSecondFactor({
  db,
  env,
  jobs,
  user,
  code,
  ip = null,
}: IdentityDeps & {
  user: Pick<AffiliateUserRow, 'id' | 'totp_secret' | 'totp_last_counter'>;
  code: string;
  ip?: string | null;
}): Promise<'totp' | 'recovery_code' | null> {
  if (!user.totp_secret) return null;
  // The attempt is counted before the code is judged, so parallel guesses cannot overtake the limit.
  const attempt = await db
    .updateTable('affiliate_users')
    .set({ two_factor_failed_count: sql`two_factor_failed_count + 1` })
    .where('id', '=', user.id)
    .where('locked_at', 'is', null)
    .where('two_factor_failed_count', '<', env.twoFactorLockoutAttempts)
    .returning('two_factor_failed_count')
    .executeTakeFirst();
  if (!attempt) throw lockedError();
  const accepted = await judge(db, env, user, code);
  if (accepted) {
    await db
      .updateTable('affiliate_users')
      .set({ two_factor_failed_count: 0 })
      .where('id', '=', user.id)
      .execute();
    return accepted;
  }
  if (attempt.two_factor_failed_count >= env.twoFactorLockoutAttempts) {
    const lock = { cause: 'two_factor', attempts: attempt.two_factor_failed_count, ip } as const;
    await lockAffiliateUser({ db, env, jobs, userId: user.id, lock });
    throw lockedError();
  }
  return null;
}

const lockedError = () => new AppError('forbidden', SECOND_FACTOR_LOCKED, { reason: 'two_factor_locked' });

async function judge(
  db: Db,
  env: IdentityEnv,
  user: Pick<AffiliateUserRow, 'id' | 'totp_secret' | 'totp_last_counter'>,
  code: string,
): Promise<'totp' | 'recovery_code' | null> {
  if (!user.totp_secret) return null;
  if (/^\d{6}$/.test(normalizeCode(code))) {
    const secret = unseal(env.secretKey, user.totp_secret);
    if (!secret) return null;
    const counter = acceptedCounter(secret, code, user.totp_last_counter);
    if (counter === null) return null;
    // Conditional, so two requests racing with one code cannot both pass.
    const stored = await db
      .updateTable('affiliate_users')
      .set({ totp_last_counter: counter })
      .where('id', '=', user.id)
      .where((eb) => eb.or([eb('totp_last_counter', 'is', null), eb('totp_last_counter', '<', counter)]))
      .returning('id')
      .executeTakeFirst();
    return stored ? 'totp' : null;
  }
  return (await redeemRecoveryCode(db, user.id, code)) ? 'recovery_code' : null;
}
