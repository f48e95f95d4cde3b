import { inTransaction } from '../../db/transaction.ts';
import { AppError } from '../errors.ts';
import { type Invitations, insertUsers, prepareUsers } from './add-affiliate-users.ts';
import type { AffiliateWrite } from './state.ts';
import type { AffiliateUser, AffiliateUserInput } from './users.ts';

/**
 * Adds one team member to an existing affiliate (POST /affiliates/:id/users). Without a password
 * they are emailed a set-password link through `invite`, in the same transaction.
 */
export async function addUserToAffiliate({
  db,
  affiliateId,
  input,
  invite,
  ...ctx
}: AffiliateWrite & {
  affiliateId: number;
  input: AffiliateUserInput;
  invite: Invitations;
}): Promise<AffiliateUser> {
  const found = await db
    .selectFrom('affiliates')
    .select('id')
    .where('id', '=', affiliateId)
    .executeTakeFirst();
  if (!found) throw AppError.notFound('affiliate');
  const prefix = () => '';
  const { prepared, errors } = await prepareUsers(db, [input], prefix);
  if (errors.length > 0) throw AppError.validation(errors);
  const [user] = await inTransaction(db, (trx) =>
    insertUsers({ db: trx, ...ctx, affiliateId, prepared, prefix, invite }),
  );
  return user!;
}
