import type { Db } from '../../db/index.ts';
import { hashPassword } from '../auth/passwords.ts';
import { AppError, type FieldError } from '../errors.ts';
import type { IdentityEnv } from '../identity/context.ts';
import { sendPasswordEmail } from '../identity/passwords/send-password-email.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { type FieldChange, recordHistory } from './history.ts';
import type { AffiliateWrite } from './state.ts';
import {
  type AffiliateUser,
  type AffiliateUserInput,
  isUniqueViolation,
  normalizeUserInput,
  toAffiliateUser,
  USER_COLUMNS,
  userHistoryView,
  userProblems,
} from './users.ts';

export interface PreparedUser {
  input: AffiliateUserInput;
  hash: string | null;
}

/**
 * Validates (returning the problems, so callers can report them with their own) and, when all is
 * well, hashes the initial passwords: slow work done before any row is locked.
 */
export async function prepareUsers(
  db: Db,
  inputs: AffiliateUserInput[],
  prefix: (i: number) => string,
): Promise<{ prepared: PreparedUser[]; errors: FieldError[] }> {
  const normalized = inputs.map(normalizeUserInput);
  const errors = await userProblems(
    db,
    normalized.map((input, i) => ({ input, prefix: prefix(i) })),
  );
  normalized.forEach((input, i) => {
    if (!input.email) errors.unshift({ path: `${prefix(i)}email`, message: 'is required' });
  });
  if (errors.length > 0) return { prepared: [], errors };
  // No password: a null hash; the identity work emails the user a link to set one.
  const prepared = await Promise.all(
    normalized.map(async (input) => ({
      input,
      hash: input.initial_password ? await hashPassword(input.initial_password) : null,
    })),
  );
  return { prepared, errors };
}

/** How users added without a password are invited: their set-password email is a job. */
export interface Invitations {
  env: IdentityEnv;
  jobs: JobQueue;
  /** Who the invitation says it is from; the actor's name unless given. */
  inviter?: string;
}

/**
 * Inserts prepared users for an affiliate and records them in its history, in `db`, the caller's
 * transaction. The first user of an affiliate without an owner becomes the owner unless another is
 * marked. Users without a password (and not blocked) are emailed a set-password link through
 * `invite`, in the same transaction.
 */
export async function insertUsers({
  db,
  affiliateId,
  prepared,
  prefix,
  invite,
  ...ctx
}: AffiliateWrite & {
  affiliateId: number;
  prepared: PreparedUser[];
  prefix: (i: number) => string;
  invite?: Invitations;
}): Promise<AffiliateUser[]> {
  if (prepared.length === 0) return [];
  const hasOwner = await db
    .selectFrom('affiliate_users')
    .select('id')
    .where('affiliate_id', '=', affiliateId)
    .where('is_owner', '=', true)
    .executeTakeFirst();
  const anyMarked = prepared.some((p) => p.input.is_owner);
  const created: AffiliateUser[] = [];
  for (const [i, { input, hash }] of prepared.entries()) {
    const owner = input.is_owner ?? (!hasOwner && !anyMarked && i === 0);
    if (owner) {
      await db
        .updateTable('affiliate_users')
        .set({ is_owner: false })
        .where('affiliate_id', '=', affiliateId)
        .execute();
    }
    try {
      const row = await db
        .insertInto('affiliate_users')
        .values({
          affiliate_id: affiliateId,
          email: input.email!,
          first_name: input.first_name ?? '',
          last_name: input.last_name ?? '',
          status: input.status ?? 'active',
          is_owner: owner,
          password_hash: hash,
          title: input.title ?? '',
          phone: input.phone ?? '',
          work_phone: input.work_phone ?? '',
          skype: input.skype ?? '',
          telegram: input.telegram ?? '',
          language: input.language ?? 'en',
          timezone: input.timezone ?? null,
          report_currency: input.currency ?? null,
        })
        .returning(USER_COLUMNS)
        .executeTakeFirstOrThrow();
      created.push(toAffiliateUser(row));
    } catch (error) {
      if (isUniqueViolation(error))
        throw AppError.field(`${prefix(i)}email`, 'is already used by another affiliate user');
      throw error;
    }
  }
  const changes: FieldChange[] = created.flatMap((u) =>
    Object.entries(userHistoryView(u))
      .filter(([, v]) => v !== '' && v !== null && v !== false)
      .map(([k, v]) => ({ field: `users[${u.id}].${k}`, before: null, after: v })),
  );
  await recordHistory(db, ctx, [{ affiliateId, action: 'user_created', changes }]);
  for (const [i, user] of created.entries()) {
    if (prepared[i]!.hash !== null || user.status === 'blocked') continue;
    // A programming error, not the caller's input: such a user could never sign in.
    if (!invite) throw new Error('users without a password need invitations (env and jobs) to be added');
    await sendPasswordEmail({ db, ...invite, actor: ctx.actor, userId: user.id });
  }
  return created;
}
