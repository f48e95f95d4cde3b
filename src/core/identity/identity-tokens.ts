import type { Db } from '../../db/index.ts';
import type { IdentityTokenPurpose, IdentityTokensTable } from '../../db/tables/identity.ts';
import { randomToken, sha256 } from '../auth/secrets.ts';
import { AppError } from '../errors.ts';

export const TOKEN_TTL_HOURS: Record<IdentityTokenPurpose, number> = {
  set_password: 72,
  reset_password: 2,
  unlock: 24,
};

type Subject = { affiliateUserId: number } | { staffUserId: number };

/** A fresh one-time link token; earlier unused ones for the same purpose and person stop working. */
export async function issueIdentityToken(
  db: Db,
  purpose: IdentityTokenPurpose,
  subject: Subject,
): Promise<string> {
  const token = randomToken(32);
  const who =
    'affiliateUserId' in subject
      ? { affiliate_user_id: subject.affiliateUserId, staff_user_id: null }
      : { affiliate_user_id: null, staff_user_id: subject.staffUserId };
  let stale = db.deleteFrom('identity_tokens').where('purpose', '=', purpose).where('used_at', 'is', null);
  stale =
    who.affiliate_user_id !== null
      ? stale.where('affiliate_user_id', '=', who.affiliate_user_id)
      : stale.where('staff_user_id', '=', who.staff_user_id);
  await stale.execute();
  await db
    .insertInto('identity_tokens')
    .values({
      token_hash: sha256(token),
      purpose,
      ...who,
      expires_at: new Date(Date.now() + TOKEN_TTL_HOURS[purpose] * 3_600_000),
    })
    .execute();
  return token;
}

/** Marks the token used and returns it; it works once, before it expires, for its own purpose only. */
export async function consumeIdentityToken(
  db: Db,
  token: string,
  purposes: IdentityTokenPurpose[],
): Promise<Pick<IdentityTokensTable, 'purpose' | 'affiliate_user_id' | 'staff_user_id'>> {
  const row = await db
    .updateTable('identity_tokens')
    .set({ used_at: new Date() })
    .where('token_hash', '=', sha256(token))
    .where('purpose', 'in', purposes)
    .where('used_at', 'is', null)
    .where('expires_at', '>', new Date())
    .returning(['purpose', 'affiliate_user_id', 'staff_user_id'])
    .executeTakeFirst();
  if (!row) throw new AppError('gone', 'the link is invalid, expired or already used');
  return row;
}
