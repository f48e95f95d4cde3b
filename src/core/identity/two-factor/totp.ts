// @internal: only core/identity imports this file.
import { Secret, TOTP } from 'otpauth';

export const TOTP_ISSUER = 'Affluent';
const PERIOD = 30;

export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

export function totpFor(secretBase32: string, label: string): TOTP {
  return new TOTP({
    issuer: TOTP_ISSUER,
    label,
    algorithm: 'SHA1',
    digits: 6,
    period: PERIOD,
    secret: Secret.fromBase32(secretBase32),
  });
}

/** Authenticator apps show "123 456"; people type it either way. */
export function normalizeCode(code: string): string {
  return code.replace(/[\s-]/g, '');
}

/**
 * The time step a code belongs to, when it is the code of the current step or of one step either
 * side (clocks drift), and comes after `lastCounter`, so no code is ever accepted twice.
 */
export function acceptedCounter(
  secretBase32: string,
  code: string,
  lastCounter: bigint | null,
): bigint | null {
  const token = normalizeCode(code);
  if (!/^\d{6}$/.test(token)) return null;
  const totp = totpFor(secretBase32, 'check');
  const delta = totp.validate({ token, window: 1 });
  if (delta === null) return null;
  const counter = BigInt(totp.counter() + delta);
  return lastCounter !== null && counter <= lastCounter ? null : counter;
}
