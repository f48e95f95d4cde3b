// Crockford base32, as click ids (ids.ts) are written.
const B32 = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A click id as the API takes it: 26 characters of ULID's alphabet. */
export const CLICK_ID_PATTERN = '^[0-9A-HJKMNP-TV-Z]{26}$';

/**
 * The smallest click id of millisecond `at`: ids begin with their time (48 bits, 10 characters),
 * so a time range is a range of the primary key, which can be walked newest first.
 */
export function firstClickIdAt(at: number): string {
  let time = '';
  let rest = Math.max(0, Math.floor(at));
  for (let i = 0; i < 10; i++) {
    time = B32[rest % 32]! + time;
    rest = Math.floor(rest / 32);
  }
  return `${time}${'0'.repeat(16)}`;
}
