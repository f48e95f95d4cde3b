import type { Db } from '../../db/index.ts';
import { AppError } from '../errors.ts';
import { verifyPassword } from './passwords.ts';
import { randomToken, sha256 } from './secrets.ts';
import { type StaffUser, toStaffUser } from './staff.ts';

export interface LogInStaffInput {
  email: string;
  password: string;
  ip?: string;
  userAgent?: string;
  ttlHours: number;
}

export interface StaffSession {
  token: string;
  expiresAt: Date;
  user: StaffUser;
}

/** Every failure gives the same answer: it must not tell which of email or password was wrong. */
export async function logInStaff(db: Db, input: LogInStaffInput): Promise<StaffSession> {
  const row = await db
    .selectFrom('staff_users')
    .selectAll()
    .where('email', '=', input.email.trim().toLowerCase())
    .executeTakeFirst();
  const ok = await verifyPassword(row?.password_hash, input.password);
  if (!row || !ok || row.status !== 'active') {
    throw new AppError('unauthenticated', 'email or password is incorrect');
  }
  const token = randomToken();
  const expiresAt = new Date(Date.now() + input.ttlHours * 3_600_000);
  await db.transaction().execute(async (trx) => {
    await trx
      .insertInto('staff_sessions')
      .values({
        id_hash: sha256(token),
        staff_user_id: row.id,
        expires_at: expiresAt,
        ip: input.ip ?? null,
        user_agent: input.userAgent?.slice(0, 512) ?? null,
      })
      .execute();
    await trx
      .updateTable('staff_users')
      .set({ last_login_at: new Date() })
      .where('id', '=', row.id)
      .execute();
  });
  return { token, expiresAt, user: { ...toStaffUser(row), last_login_at: new Date() } };
}
