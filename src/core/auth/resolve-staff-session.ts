import type { Db } from '../../db/index.ts';
import { sha256 } from './secrets.ts';
import { type StaffUser, toStaffUser } from './staff.ts';

// Writing last_seen_at on every request would turn each read into a write; once a minute is plenty.
const TOUCH_AFTER_MS = 60_000;

/** The signed-in staff user for a session cookie, or null when it is unknown, expired or blocked. */
export async function resolveStaffSession(db: Db, token: string): Promise<StaffUser | null> {
  const idHash = sha256(token);
  const row = await db
    .selectFrom('staff_sessions as s')
    .innerJoin('staff_users as u', 'u.id', 's.staff_user_id')
    .selectAll('u')
    .select(['s.last_seen_at as session_seen_at', 's.expires_at as session_expires_at'])
    .where('s.id_hash', '=', idHash)
    .executeTakeFirst();
  if (!row || row.session_expires_at.getTime() <= Date.now() || row.status !== 'active') return null;
  if (Date.now() - row.session_seen_at.getTime() > TOUCH_AFTER_MS) {
    await db
      .updateTable('staff_sessions')
      .set({ last_seen_at: new Date() })
      .where('id_hash', '=', idHash)
      .execute();
  }
  return toStaffUser(row);
}
