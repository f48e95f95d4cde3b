import type { Db } from '../../db/index.ts';
import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../errors.ts';
import { insertUsers, prepareUsers } from './add-affiliate-users.ts';
import type { ChangeContext } from './state.ts';
import type { AffiliateUser, AffiliateUserInput } from './users.ts';

/** Adds one team member to an existing affiliate (POST /affiliates/:id/users). */
export async function addUserToAffiliate(
  db: Db,
  affiliateId: number,
  input: AffiliateUserInput,
  ctx: ChangeContext,
): Promise<AffiliateUser> {
  const found = await db
    .selectFrom('affiliates')
    .select('id')
    .where('id', '=', affiliateId)
    .executeTakeFirst();
  if (!found) throw AppError.notFound('affiliate');
  const prefix = () => '';
  const { prepared, errors } = await prepareUsers(db, [input], prefix);
  if (errors.length > 0) throw AppError.validation(errors);
  const [user] = await inTransaction(db, (trx) => insertUsers(trx, affiliateId, prepared, ctx, prefix));
  return user!;
}
