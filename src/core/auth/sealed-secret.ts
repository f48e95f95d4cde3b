import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

/** What a sealed value is for: each purpose has a key of its own, derived from the server secret. */
export type SealPurpose = 'totp' | 'history-signing-key';

const keyFor = (secretKey: string, purpose: SealPurpose) =>
  createHash('sha256').update(`affluent:${purpose}:${secretKey}`).digest();

/** AES-256-GCM: "v1." + base64url(iv | tag | ciphertext). */
export function seal(secretKey: string, plaintext: string, purpose: SealPurpose = 'totp'): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(secretKey, purpose), iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
}

/** The plaintext, or null when the value was sealed with another key or was tampered with. */
export function unseal(secretKey: string, sealed: string, purpose: SealPurpose = 'totp'): string | null {
  if (!sealed.startsWith('v1.')) return null;
  const raw = Buffer.from(sealed.slice(3), 'base64url');
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFor(secretKey, purpose), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
