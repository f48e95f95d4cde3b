import { randomFillSync } from 'node:crypto';

// Crockford base32: ULID's alphabet, so ids sort by time as plain strings.
const B32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const LOWER = 'abcdefghijklmnopqrstuvwxyz0123456789';

// Random bytes come from a pool refilled in blocks: one crypto call per 4 KiB, not per click.
const pool = Buffer.allocUnsafe(4096);
let offset = pool.length;

function take(n: number): number {
  if (offset + n > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const at = offset;
  offset += n;
  return at;
}

/**
 * A click id: 48-bit millisecond time then 80 random bits (a ULID, 26 characters). Unguessable,
 * and sorting them sorts clicks by time.
 */
export function newClickId(now = Date.now()): string {
  let out = '';
  let time = now;
  for (let i = 9; i >= 0; i--) {
    out = B32[time % 32] + out;
    time = Math.floor(time / 32);
  }
  const at = take(10);
  // 80 bits as 16 characters of 5 bits: two 40-bit halves keep the arithmetic exact.
  for (let half = 0; half < 2; half++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) bits = bits * 256 + pool[at + half * 5 + i]!;
    let chunk = '';
    for (let i = 0; i < 8; i++) {
      chunk = B32[bits % 32] + chunk;
      bits = Math.floor(bits / 32);
    }
    out += chunk;
  }
  return out;
}

/** A tracking code: lowercase letters and digits, 12 of them (about 62 bits), never guessable. */
export function newCode(length = 12): string {
  const at = take(length);
  let out = '';
  // 252 = 7 * 36: bytes at or above it would bias the alphabet, so they are redrawn.
  for (let i = 0; i < length; i++) {
    let byte = pool[at + i]!;
    while (byte >= 252) byte = pool[take(1)]!;
    out += LOWER[byte % 36];
  }
  return out;
}
