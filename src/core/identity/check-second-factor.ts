import type { Db } from '../../db/index.ts';
import type { AffiliateUserRow } from './affiliate-user.ts';
import type { IdentityEnv } from './context.ts';
import { redeemRecoveryCode } from './recovery-codes.ts';
import { unseal } from './sealed-secret.ts';
import { acceptedCounter, normalizeCode } from './totp.ts';

/**
 * Checks a code from the authenticator app (six digits) or a recovery code against a user with
 * 2FA on. Accepting either records it, so the same code never works twice.
 */
export async function checkSecondFactor(
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
