import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../errors.ts';
import type { IdentityDeps } from '../identity/context.ts';
import type { SignInThrottle } from '../identity/lockout/sign-in-throttle.ts';
import { verifyPassword } from './passwords.ts';
import { recordFailedStaffSignIn } from './record-failed-staff-sign-in.ts';
import { randomToken, sha256 } from './secrets.ts';
import { type StaffUser, toStaffUser } from './staff.ts';

export interface LogInStaffInput {
  email: string;
  password: string;
  ip: string;
  userAgent?: string;
}

export interface StaffSession {
  token: string;
  expiresAt: Date;
  user: StaffUser;
}

const WRONG = 'email or password is incorrect';

/**
 * Signs a staff user in, protected as the portal's sign-in is: failures are rate-limited per
 * address and per account (429), and LOCKOUT_ATTEMPTS in a row lock the account. Every failure
 * answers alike, so it cannot tell which of email or password was wrong; that the account is
 * locked is told only to someone who knows the password.
 */
export async function logInStaff({
  db,
  env,
  jobs,
  throttle,
  input,
}: IdentityDeps & { throttle: SignInThrottle; input: LogInStaffInput }): Promise<StaffSession> {
  const email = input.email.trim().toLowerCase();
  throttle.check(input.ip, email);
  const row = await db.selectFrom('staff_users').selectAll().where('email', '=', email).executeTakeFirst();
  const ok = await verifyPassword(row?.password_hash, input.password);
  if (!row || !ok) {
    throttle.fail(input.ip, email);
    if (row) await recordFailedStaffSignIn({ db, env, jobs, staffUserId: row.id });
    throw new AppError('unauthenticated', WRONG);
  }
  if (row.locked_at) {
    throw new AppError(
      'forbidden',
      'the account is locked; follow the link in the unlock email or ask an administrator',
      { reason: 'locked' },
    );
  }
  if (row.status !== 'active') throw new AppError('unauthenticated', WRONG);
  throttle.succeed(email);
  const token = randomToken();
  const now = new Date();
  const expiresAt = new Date(now.getTime() + env.sessionTtlHours * 3_600_000);
  const user = await inTransaction(db, async (trx) => {
    await trx
      .insertInto('staff_sessions')
      .values({
        id_hash: sha256(token),
        staff_user_id: row.id,
        expires_at: expiresAt,
        ip: input.ip,
        user_agent: input.userAgent?.slice(0, 512) ?? null,
      })
      .execute();
    return trx
      .updateTable('staff_users')
      .set({ last_login_at: now, failed_sign_in_count: 0 })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
  });
  return { token, expiresAt, user: toStaffUser(user) };
}
