import type { Db } from '../../db/index.ts';
import { inTransaction } from '../../db/transaction.ts';
import { sendEmail } from '../email/send-email.ts';
import { templates } from '../email/templates.ts';
import { AppError } from '../errors.ts';
import { type IdentityEnv, links } from '../identity/context.ts';
import { issueIdentityToken, TOKEN_TTL_HOURS } from '../identity/identity-tokens.ts';
import { assertStrongPassword, hashPassword } from './passwords.ts';
import { isRole, ROLES } from './roles.ts';
import { type StaffUser, toStaffUser } from './staff.ts';

export interface NewStaff {
  email: string;
  name?: string;
  role: string;
  managed_affiliates_only?: boolean;
  /** Without one, the new staff user gets an email with a link to set it. */
  password?: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export async function createStaff(
  db: Db,
  env: IdentityEnv,
  input: NewStaff,
  inviter: string,
): Promise<StaffUser> {
  const email = input.email.trim().toLowerCase();
  if (!EMAIL.test(email)) throw AppError.field('email', 'must be an email address');
  if (!isRole(input.role)) throw AppError.field('role', `must be one of ${ROLES.join(', ')}`);
  if (input.password !== undefined) assertStrongPassword(input.password);
  const password_hash = input.password !== undefined ? await hashPassword(input.password) : null;
  const { row, token } = await inTransaction(db, async (trx) => {
    const row = await trx
      .insertInto('staff_users')
      .values({
        email,
        name: input.name?.trim() ?? '',
        role: input.role,
        managed_affiliates_only: input.managed_affiliates_only ?? false,
        password_hash,
      })
      .onConflict((oc) => oc.column('email').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row)
      throw new AppError('conflict', `a staff user with email ${email} already exists`, { field: 'email' });
    const token = password_hash
      ? null
      : await issueIdentityToken(trx, 'set_password', { staffUserId: row.id });
    return { row, token };
  });
  if (token) {
    const message = templates.set_password({
      name: row.name,
      url: links.staffSetPassword(env, token),
      hours: TOKEN_TTL_HOURS.set_password,
      inviter,
    });
    await sendEmail(db, env.email, { template: 'set_password', to: email, ...message });
  }
  return toStaffUser(row);
}
