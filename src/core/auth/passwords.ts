import argon2 from 'argon2';
import { AppError } from '../errors.ts';

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, { type: argon2.argon2id });
}

// Verified against when the account does not exist, so both failures take the same time.
const DECOY_HASH = hashPassword('decoy password that never matches');

export async function verifyPassword(hash: string | null | undefined, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash ?? (await DECOY_HASH), password);
  } catch {
    return false;
  }
}

/** The documented rules: 8+ characters with an uppercase, a lowercase and a non-alphanumeric. */
export function passwordProblems(password: string): string[] {
  const problems: string[] = [];
  if (password.length < 8) problems.push('at least 8 characters');
  if (password.length > 256) problems.push('at most 256 characters');
  if (!/[A-Z]/.test(password)) problems.push('an uppercase letter');
  if (!/[a-z]/.test(password)) problems.push('a lowercase letter');
  if (!/[^A-Za-z0-9]/.test(password)) problems.push('a non-alphanumeric character');
  return problems;
}

export function assertStrongPassword(password: string, path = 'password'): void {
  const problems = passwordProblems(password);
  if (problems.length > 0) throw AppError.field(path, `must contain ${problems.join(', ')}`);
}
