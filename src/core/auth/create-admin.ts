import type { Db } from '../../db/index.ts';
import { AppError } from '../errors.ts';
import { assertStrongPassword, hashPassword } from './passwords.ts';
import { type StaffUser, toStaffUser } from './staff.ts';

export interface CreateAdminInput {
  email: string;
  password: string;
  name?: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** An administrator with a password: from the command line, or the first one at setup. */
export async function createAdmin({ db, input }: { db: Db; input: CreateAdminInput }): Promise<StaffUser> {
  const email = input.email.trim().toLowerCase();
  if (!EMAIL.test(email)) throw AppError.field('email', 'must be an email address');
  assertStrongPassword(input.password);
  const password_hash = await hashPassword(input.password);
  const row = await db
    .insertInto('staff_users')
    .values({ email, name: input.name?.trim() ?? '', password_hash, role: 'admin' })
    .onConflict((oc) => oc.column('email').doNothing())
    .returningAll()
    .executeTakeFirst();
  if (!row)
    throw new AppError('conflict', `a staff user with email ${email} already exists`, { field: 'email' });
  return toStaffUser(row);
}
