import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import { randomToken, sha256 } from '../../auth/secrets.ts';
import { AppError } from '../../errors.ts';
import { findAffiliateUser } from '../affiliate-user.ts';
import type { Actor } from '../context.ts';
import { recordAffiliateEvent } from '../event-log/record-affiliate-event.ts';
import { AFFILIATE_KEY_PREFIX, type AffiliateApiKey, toAffiliateApiKey } from './affiliate-api-key.ts';

/**
 * A partner API key acting as `userId` (a user of the same affiliate). Only while the operator has
 * turned API access on for the affiliate. The secret is returned once; only its hash is kept.
 */
export async function createAffiliateApiKey({
  db,
  ...input
}: {
  db: Db;
  affiliateId: number;
  userId: number;
  name: string;
  createdByUserId: number;
  actor: Actor;
}): Promise<{ key: string; apiKey: AffiliateApiKey }> {
  const name = input.name.trim();
  if (!name) throw AppError.field('name', 'must not be empty');
  return inTransaction(db, async (trx) => {
    const affiliate = await trx
      .selectFrom('affiliates')
      .select('api_access_enabled')
      .where('id', '=', input.affiliateId)
      .executeTakeFirstOrThrow();
    if (!affiliate.api_access_enabled) {
      throw new AppError(
        'forbidden',
        'API access is not enabled for this affiliate; ask the affiliate program',
        {
          reason: 'api_access_disabled',
        },
      );
    }
    await findAffiliateUser(trx, input.affiliateId, input.userId);
    const key = `${AFFILIATE_KEY_PREFIX}${randomToken(32)}`;
    const row = await trx
      .insertInto('affiliate_api_keys')
      .values({
        affiliate_id: input.affiliateId,
        affiliate_user_id: input.userId,
        name,
        prefix: key.slice(0, AFFILIATE_KEY_PREFIX.length + 6),
        key_hash: sha256(key),
        created_by_user_id: input.createdByUserId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAffiliateEvent(trx, {
      affiliateId: input.affiliateId,
      type: 'api_key_created',
      userId: input.userId,
      actor: input.actor,
      data: { api_key_id: row.id, name },
    });
    return { key, apiKey: toAffiliateApiKey(row) };
  });
}
