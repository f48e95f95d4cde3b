// @internal: only core/identity imports this file.
import { AppError } from '../../errors.ts';

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800, y: 31_536_000 };
export const MAX_EXPIRES_IN_SECONDS = UNIT_SECONDS.y!;

/**
 * MultiSafepay's `expires_in`: a number with a unit (y, w, d, h, m, s), e.g. "5m", "2d", or a bare
 * number of seconds. Returns seconds, from 1 up to a year.
 */
export function parseExpiresIn(value: string | number, path = 'expires_in'): number {
  const text = String(value).trim().toLowerCase();
  const match = /^(\d{1,9})\s*([ywdhms]?)$/.exec(text);
  if (!match)
    throw AppError.field(
      path,
      'must be a number of seconds or a number with a unit y, w, d, h, m or s, like "5m"',
    );
  const seconds = Number(match[1]) * UNIT_SECONDS[match[2] || 's']!;
  if (seconds < 1 || seconds > MAX_EXPIRES_IN_SECONDS)
    throw AppError.field(path, 'must be from 1 second to 1 year');
  return seconds;
}
