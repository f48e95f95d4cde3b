import QRCode from 'qrcode';
import type { Db } from '../../../db/index.ts';
import { seal } from '../../auth/sealed-secret.ts';
import { AppError } from '../../errors.ts';
import { getAffiliateUser } from '../affiliate-user.ts';
import type { IdentityEnv } from '../context.ts';
import { newTotpSecret, totpFor } from './totp.ts';

export interface TwoFactorSetup {
  /** Base32, for typing into an app that cannot scan. */
  secret: string;
  otpauth_url: string;
  /** The otpauth URL as a QR code (PNG data URL) and as SVG markup. */
  qr_code_data_url: string;
  qr_code_svg: string;
}

/** Starts enrolment with a fresh secret; 2FA is on only once a code from it is confirmed. */
export async function startTwoFactor({
  db,
  env,
  userId,
}: {
  db: Db;
  env: IdentityEnv;
  userId: number;
}): Promise<TwoFactorSetup> {
  const user = await getAffiliateUser(db, userId);
  if (user.totp_enabled_at) {
    throw new AppError('invalid_state', 'two-factor authentication is already on; disable it first');
  }
  const secret = newTotpSecret();
  await db
    .updateTable('affiliate_users')
    .set({ totp_pending_secret: seal(env.secretKey, secret) })
    .where('id', '=', userId)
    .execute();
  const url = totpFor(secret, user.email).toString();
  return {
    secret,
    otpauth_url: url,
    qr_code_data_url: await QRCode.toDataURL(url, { margin: 1, width: 240 }),
    qr_code_svg: await QRCode.toString(url, { type: 'svg', margin: 1 }),
  };
}
