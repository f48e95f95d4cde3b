import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import type { Actor } from '../context.ts';
import { recordAffiliateEvent } from '../event-log/record-affiliate-event.ts';
import { type AffiliateApiKey, toAffiliateApiKey } from './affiliate-api-key.ts';

/**
 * Revokes a key of `affiliateId`; `onlyUserId` limits it to keys acting as that user (a team
 * member who is not the owner). Revoking twice is not an error.
 */
export async function revokeAffiliateApiKey({
  db,
  ...input
}: {
  db: Db;
  affiliateId: number;
  keyId: number;
  onlyUserId?: number;
  actor: Actor;
}): Promise<AffiliateApiKey> {
  return inTransaction(db, async (trx) => {
    let query = trx
      .updateTable('affiliate_api_keys')
      .set((eb) => ({ revoked_at: eb.fn.coalesce('revoked_at', eb.val(new Date())) }))
      .where('id', '=', input.keyId)
      .where('affiliate_id', '=', input.affiliateId);
    if (input.onlyUserId !== undefined) query = query.where('affiliate_user_id', '=', input.onlyUserId);
    const row = await query.returningAll().executeTakeFirst();
    if (!row) throw AppError.notFound(`API key ${input.keyId}`);
    await recordAffiliateEvent(trx, {
      affiliateId: input.affiliateId,
      type: 'api_key_revoked',
      userId: row.affiliate_user_id,
      actor: input.actor,
      data: { api_key_id: row.id, name: row.name },
    });
    return toAffiliateApiKey(row);
  });
}
