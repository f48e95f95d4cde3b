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

// Every 10-bit value as its two base32 characters: a click id is built from 13 lookups.
const PAIRS = Array.from({ length: 1024 }, (_, i) => B32[i >> 5]! + B32[i & 31]!);
let lastMs = -1;
let timePart = '';

/**
 * A click id: 48-bit millisecond time then 80 random bits (a ULID, 26 characters). Unguessable,
 * and sorting them sorts clicks by time. On the redirect's hot path: the time part is reused
 * within a millisecond and the random part is read ten bits at a time.
 */
export function newClickId(now = Date.now()): string {
  if (now !== lastMs) {
    lastMs = now;
    // 48 bits as 10 characters: the top 8 bits (2 characters) then four 10-bit pairs.
    const high = Math.floor(now / 2 ** 40);
    const low = now - high * 2 ** 40;
    timePart = PAIRS[high & 1023]!;
    for (let shift = 30; shift >= 0; shift -= 10) timePart += PAIRS[Math.floor(low / 2 ** shift) & 1023]!;
  }
  const at = take(10);
  const p = pool;
  let out = timePart;
  for (let i = at; i < at + 10; i += 5) {
    out +=
      PAIRS[(p[i]! << 2) | (p[i + 1]! >> 6)]! +
      PAIRS[((p[i + 1]! & 63) << 4) | (p[i + 2]! >> 4)]! +
      PAIRS[((p[i + 2]! & 15) << 6) | (p[i + 3]! >> 2)]! +
      PAIRS[((p[i + 3]! & 3) << 8) | p[i + 4]!]!;
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
