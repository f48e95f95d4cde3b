import type { Db } from '../../../db/index.ts';
import { sha256 } from '../../auth/secrets.ts';

export async function signOut({ db, token }: { db: Db; token: string }): Promise<void> {
  await db.deleteFrom('affiliate_sessions').where('token_hash', '=', sha256(token)).execute();
}
