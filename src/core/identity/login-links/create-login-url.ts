import type { Db } from '../../../db/index.ts';
import { randomToken, sha256 } from '../../auth/secrets.ts';
import { AppError } from '../../errors.ts';
import { type Actor, type IdentityEnv, links } from '../context.ts';
import { parseExpiresIn } from './parse-expires-in.ts';

export interface CreateLoginUrlInput {
  affiliateId: number;
  expiresIn: string | number;
}

/**
 * A one-time link that signs the affiliate's owner into the portal (the operator's "log in as",
 * and MultiSafepay's login-urls). Only the hash of its token is stored, with the staff user or API
 * key that made it (the session it opens names that staff user).
 */
export async function createLoginUrl({
  db,
  env,
  actor,
  ...input
}: CreateLoginUrlInput & { db: Db; env: IdentityEnv; actor: Actor }): Promise<{
  url: string;
  expires_at: Date;
}> {
  const seconds = parseExpiresIn(input.expiresIn);
  const affiliate = await db
    .selectFrom('affiliates')
    .select(['id'])
    .where('id', '=', input.affiliateId)
    .executeTakeFirst();
  if (!affiliate) throw AppError.notFound(`affiliate ${input.affiliateId}`);
  const owner = await db
    .selectFrom('affiliate_users')
    .select('id')
    .where('affiliate_id', '=', affiliate.id)
    .where('is_owner', '=', true)
    .where('status', '=', 'active')
    .executeTakeFirst();
  if (!owner)
    throw new AppError('invalid_state', `affiliate ${affiliate.id} has no active owner user to sign in as`);
  const token = randomToken(32);
  const expiresAt = new Date(Date.now() + seconds * 1000);
  await db
    .insertInto('sso_login_links')
    .values({
      token_hash: sha256(token),
      affiliate_id: affiliate.id,
      created_by_staff_id: actor.type === 'staff' ? actor.id : null,
      created_by_api_key_id: actor.type === 'api_key' ? actor.id : null,
      expires_at: expiresAt,
    })
    .execute();
  return { url: links.sso(env, token), expires_at: expiresAt };
}
