import type { Db } from '../../db/index.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError, type FieldError } from '../errors.ts';
import { insertUsers, prepareUsers } from './add-affiliate-users.ts';
import { type AffiliateInput, mergeInput } from './merge-input.ts';
import { prepareChange } from './prepare-change.ts';
import { createReferences } from './references.ts';
import { saveAffiliate } from './save-affiliate.ts';
import { type ChangeContext, defaultFields } from './state.ts';
import type { AffiliateUserInput } from './users.ts';

export interface CreateAffiliateInput extends AffiliateInput {
  name: string;
  users?: AffiliateUserInput[];
}

/**
 * Creates an affiliate with its billing, payment method and users in one transaction. Omitted
 * fields take the defaults of defaultFields (status pending, billing manual, payment none).
 * `problems` are what the caller found in its own fields (a form's terms box): reported first,
 * with the affiliate's, in one answer, and nothing is written.
 */
export async function createAffiliate(
  db: Db,
  input: CreateAffiliateInput,
  ctx: ChangeContext,
  problems: FieldError[] = [],
): Promise<number> {
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
    await insertUsers(trx, id, prepared, ctx, userPrefix);
    return id;
  });
}
