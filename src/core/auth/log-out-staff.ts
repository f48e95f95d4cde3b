import type { Db } from '../../db/index.ts';
import { sha256 } from './secrets.ts';

export async function logOutStaff({ db, token }: { db: Db; token: string }): Promise<void> {
  await db.deleteFrom('staff_sessions').where('id_hash', '=', sha256(token)).execute();
}
