import type { Db } from '../../../db/index.ts';
import { describeDevice } from './describe-device.ts';

export interface SessionView {
  id: number;
  device: string;
  ip: string | null;
  user_agent: string | null;
  method: 'password' | 'sso';
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  current: boolean;
}

/** A user's unexpired sessions, most recently seen first. */
export async function listSessions(
  db: Db,
  userId: number,
  currentSessionId: number | null,
): Promise<SessionView[]> {
  const rows = await db
    .selectFrom('affiliate_sessions')
    .select(['id', 'ip', 'user_agent', 'method', 'created_at', 'last_seen_at', 'expires_at'])
    .where('affiliate_user_id', '=', userId)
    .where('expires_at', '>', new Date())
    .orderBy('last_seen_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({
    ...r,
    device: describeDevice(r.user_agent),
    current: r.id === currentSessionId,
  }));
}
