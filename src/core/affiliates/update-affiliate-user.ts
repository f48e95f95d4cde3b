import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../errors.ts';
import { type FieldChange, recordHistory } from './history.ts';
import { getAffiliateUser } from './list-affiliate-users.ts';
import type { AffiliateWrite } from './state.ts';
import {
  type AffiliateUser,
  type AffiliateUserFields,
  isUniqueViolation,
  normalizeUserInput,
  userHistoryView,
  userProblems,
} from './users.ts';

/**
 * Partial update of a team member. Passwords are not set here: users change their own, and
 * resets go through the identity work's emailed links. Making a user the owner unmarks the others.
 */
export async function updateAffiliateUser({
  db,
  affiliateId,
  userId,
  input: raw,
  ...ctx
}: AffiliateWrite & {
  affiliateId: number;
  userId: number;
  input: Partial<AffiliateUserFields>;
}): Promise<AffiliateUser> {
  const before = await getAffiliateUser(db, affiliateId, userId);
  const input = normalizeUserInput(raw);
  const errors = await userProblems(db, [{ input, prefix: '', userId }]);
  if (errors.length > 0) throw AppError.validation(errors);
  if (input.is_owner === false && before.is_owner) {
    throw AppError.field('is_owner', 'make another user the owner instead');
  }
  const { currency, ...columns } = input;
  const set = { ...columns, ...(currency !== undefined ? { report_currency: currency } : {}) };
  delete (set as { initial_password?: unknown }).initial_password;
  await inTransaction(db, async (trx) => {
    if (input.is_owner) {
      await trx
        .updateTable('affiliate_users')
        .set({ is_owner: false })
        .where('affiliate_id', '=', affiliateId)
        .execute();
    }
    try {
      await trx
        .updateTable('affiliate_users')
        .set({ ...set, updated_at: new Date() })
        .where('id', '=', userId)
        .execute();
    } catch (error) {
      if (isUniqueViolation(error))
        throw AppError.field('email', 'is already used by another affiliate user');
      throw error;
    }
    const after = await getAffiliateUser(trx, affiliateId, userId);
    const a = userHistoryView(after);
    const b = userHistoryView(before);
    const changes: FieldChange[] = Object.keys(a)
      .filter((k) => JSON.stringify(a[k]) !== JSON.stringify(b[k]))
      .map((k) => ({ field: `users[${userId}].${k}`, before: b[k], after: a[k] }));
    await recordHistory(trx, ctx, [{ affiliateId, action: 'user_updated', changes }]);
  });
  return getAffiliateUser(db, affiliateId, userId);
}
