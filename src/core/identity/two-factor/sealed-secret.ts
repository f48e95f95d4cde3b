// @internal: only core/identity imports this file.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';

// A key of its own for this purpose, derived from the server secret.
const keyFor = (secretKey: string) => createHash('sha256').update(`affluent:totp:${secretKey}`).digest();

/** AES-256-GCM: "v1." + base64url(iv | tag | ciphertext). */
export function seal(secretKey: string, plaintext: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', keyFor(secretKey), iv);
  const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return `v1.${Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url')}`;
}

/** The plaintext, or null when the value was sealed with another key or was tampered with. */
export function unseal(secretKey: string, sealed: string): string | null {
  if (!sealed.startsWith('v1.')) return null;
  const raw = Buffer.from(sealed.slice(3), 'base64url');
  try {
    const decipher = createDecipheriv('aes-256-gcm', keyFor(secretKey), raw.subarray(0, 12));
    decipher.setAuthTag(raw.subarray(12, 28));
    return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
