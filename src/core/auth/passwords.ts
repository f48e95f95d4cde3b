import argon2 from 'argon2';
import { AppError } from '../errors.ts';

export interface HashCost {
  memoryKib: number;
  timeCost: number;
  parallelism: number;
}

// argon2's defaults until the app sets the configured cost (PASSWORD_HASH_* in the README).
let cost: HashCost = { memoryKib: 65_536, timeCost: 3, parallelism: 4 };
let decoy: Promise<string> | undefined;

/** The cost of new hashes, from the configuration; set once when the app is built. */
export function setPasswordHashCost(next: HashCost): void {
  if (
    next.memoryKib === cost.memoryKib &&
    next.timeCost === cost.timeCost &&
    next.parallelism === cost.parallelism
  )
    return;
  cost = { ...next };
  decoy = undefined;
}

function decoyHash(): Promise<string> {
  decoy ??= hashPassword('decoy password that never matches');
  return decoy;
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, {
    type: argon2.argon2id,
    memoryCost: cost.memoryKib,
    timeCost: cost.timeCost,
    parallelism: cost.parallelism,
  });
}

export async function verifyPassword(hash: string | null | undefined, password: string): Promise<boolean> {
  try {
    // Verified against a decoy of the same cost when the account does not exist, so both
    // failures take the same time.
    return await argon2.verify(hash ?? (await decoyHash()), password);
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
