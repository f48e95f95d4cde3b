import { inTransaction } from '../../db/transaction.ts';
import type { Actor } from '../actor.ts';
import { queueEmail } from '../email/email-job.ts';
import { templates } from '../email/templates.ts';
import { AppError } from '../errors.ts';
import { type IdentityDeps, links } from '../identity/context.ts';
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

/**
 * Adds a staff user. Without a password, the set-password link and the email job carrying it are
 * written in the same transaction as the user; the invitation names the staff user who sent it.
 */
export async function createStaff({
  db,
  env,
  jobs,
  actor,
  input,
}: IdentityDeps & {
  actor: Actor;
  input: NewStaff;
}): Promise<StaffUser> {
  const email = input.email.trim().toLowerCase();
  if (!EMAIL.test(email)) throw AppError.field('email', 'must be an email address');
  if (!isRole(input.role)) throw AppError.field('role', `must be one of ${ROLES.join(', ')}`);
  if (input.password !== undefined) assertStrongPassword(input.password);
  const password_hash = input.password !== undefined ? await hashPassword(input.password) : null;
  const row = await inTransaction(db, async (trx) => {
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
    if (password_hash) return row;
    const token = await issueIdentityToken(trx, 'set_password', { staffUserId: row.id });
    const message = templates.set_password({
      name: row.name,
      url: links.staffSetPassword(env, token),
      hours: TOKEN_TTL_HOURS.set_password,
      inviter: actor.type === 'staff' ? actor.name : 'The affiliate program',
    });
    await queueEmail(jobs, trx, { template: 'set_password', to: email, ...message });
    return row;
  });
  return toStaffUser(row);
}
