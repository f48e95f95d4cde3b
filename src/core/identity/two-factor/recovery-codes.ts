import { randomInt } from 'node:crypto';
import type { Db } from '../../../db/index.ts';
import { sha256 } from '../../auth/secrets.ts';

const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
const COUNT = 10;

const normalize = (code: string) => code.replace(/[\s-]/g, '').toLowerCase();

function newCode(): string {
  let raw = '';
  for (let i = 0; i < 10; i++) raw += ALPHABET[randomInt(ALPHABET.length)];
  return `${raw.slice(0, 5)}-${raw.slice(5)}`;
}

/** Replaces the user's recovery codes; the codes are returned this once, only hashes are kept. */
export async function replaceRecoveryCodes(db: Db, userId: number): Promise<string[]> {
  const codes = Array.from({ length: COUNT }, newCode);
  await db.deleteFrom('affiliate_recovery_codes').where('affiliate_user_id', '=', userId).execute();
  await db
    .insertInto('affiliate_recovery_codes')
    .values(codes.map((c) => ({ affiliate_user_id: userId, code_hash: sha256(normalize(c)) })))
    .execute();
  return codes;
}

/** Uses up one recovery code; true when it was valid and unused. */
export async function redeemRecoveryCode(db: Db, userId: number, code: string): Promise<boolean> {
  const normalized = normalize(code);
  if (!/^[a-z0-9]{10}$/.test(normalized)) return false;
  const used = await db
    .updateTable('affiliate_recovery_codes')
    .set({ used_at: new Date() })
    .where('affiliate_user_id', '=', userId)
    .where('code_hash', '=', sha256(normalized))
    .where('used_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return used !== undefined;
}

export async function remainingRecoveryCodes(db: Db, userId: number): Promise<number> {
  const row = await db
    .selectFrom('affiliate_recovery_codes')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('affiliate_user_id', '=', userId)
    .where('used_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
