import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import { unseal } from '../../auth/sealed-secret.ts';
import { AppError } from '../../errors.ts';
import { getAffiliateUser } from '../affiliate-user.ts';
import type { Actor, IdentityEnv } from '../context.ts';
import { recordAffiliateEvent } from '../event-log/record-affiliate-event.ts';
import { replaceRecoveryCodes } from './recovery-codes.ts';
import { acceptedCounter } from './totp.ts';

/** Turns 2FA on with a code from the pending secret; returns the recovery codes, shown this once. */
export async function confirmTwoFactor({
  db,
  env,
  ...input
}: {
  db: Db;
  env: IdentityEnv;
  userId: number;
  code: string;
  sessionId: number | null;
  actor: Actor;
}): Promise<{ recoveryCodes: string[] }> {
  const user = await getAffiliateUser(db, input.userId);
  if (user.totp_enabled_at) throw new AppError('invalid_state', 'two-factor authentication is already on');
  const secret = user.totp_pending_secret ? unseal(env.secretKey, user.totp_pending_secret) : null;
  if (!secret) throw new AppError('invalid_state', 'start the two-factor set-up first');
  const counter = acceptedCounter(secret, input.code, null);
  if (counter === null) throw AppError.field('code', 'is not the current code of the authenticator app');
  return inTransaction(db, async (trx) => {
    await trx
      .updateTable('affiliate_users')
      .set({
        totp_secret: user.totp_pending_secret,
        totp_pending_secret: null,
        totp_enabled_at: new Date(),
        totp_last_counter: counter,
      })
      .where('id', '=', user.id)
      .execute();
    if (input.sessionId !== null) {
      await trx
        .updateTable('affiliate_sessions')
        .set({ two_factor_verified_at: new Date() })
        .where('id', '=', input.sessionId)
        .execute();
    }
    const recoveryCodes = await replaceRecoveryCodes(trx, user.id);
    await recordAffiliateEvent(trx, {
      affiliateId: user.affiliate_id,
      type: 'two_factor_enabled',
      userId: user.id,
      actor: input.actor,
    });
    return { recoveryCodes };
  });
}
