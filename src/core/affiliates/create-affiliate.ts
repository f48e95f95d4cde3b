import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError, type FieldError } from '../errors.ts';
import { type Invitations, insertUsers, prepareUsers } from './add-affiliate-users.ts';
import { type AffiliateInput, mergeInput } from './merge-input.ts';
import { prepareChange } from './prepare-change.ts';
import { createReferences } from './references.ts';
import { saveAffiliate } from './save-affiliate.ts';
import { type AffiliateWrite, defaultFields } from './state.ts';
import type { AffiliateUser, AffiliateUserInput } from './users.ts';

export interface CreateAffiliateInput extends AffiliateInput {
  name: string;
  users?: AffiliateUserInput[];
}

/**
 * Creates an affiliate with its billing, payment method and users in one transaction (the
 * caller's, when `db` is one). Omitted fields take the defaults of defaultFields (status pending,
 * billing manual, payment none). `problems` are what the caller found in its own fields (a form's
 * terms box): reported first, with the affiliate's, in one answer, and nothing is written. Users
 * without a password are invited through `invite`. `within` writes the rest of the caller's change
 * (an event, an email job) in the same transaction, after the passwords were hashed outside it.
 */
export async function createAffiliate({
  db,
  input,
  problems = [],
  invite,
  within,
  ...ctx
}: AffiliateWrite & {
  input: CreateAffiliateInput;
  problems?: FieldError[];
  invite?: Invitations;
  within?: (trx: Transaction<DB>, created: { id: number; users: AffiliateUser[] }) => Promise<void>;
}): Promise<number> {
  const { users = [], ...rest } = input;
  const now = new Date();
  const fields = mergeInput(defaultFields(now), rest);
  const userPrefix = (i: number) => `users[${i}].`;
  const { prepared, errors: userErrors } = await prepareUsers(db, users, userPrefix);
  return inTransaction(db, async (trx) => {
    const change = await prepareChange(createReferences(trx, ctx.managerId), null, fields, ctx.actor, now);
    const errors = [...problems, ...change.errors, ...userErrors];
    if (errors.length > 0) throw AppError.validation(errors);
    const { id } = await saveAffiliate(trx, null, change.next, ctx, { action: 'created' });
    const created = await insertUsers({
      db: trx,
      ...ctx,
      affiliateId: id,
      prepared,
      prefix: userPrefix,
      invite,
    });
    await within?.(trx, { id, users: created });
    return id;
  });
}
