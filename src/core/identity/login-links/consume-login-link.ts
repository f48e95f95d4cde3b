import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import { sha256 } from '../../auth/secrets.ts';
import { AppError } from '../../errors.ts';
import type { IdentityEnv } from '../context.ts';
import { recordAffiliateEvent } from '../event-log/record-affiliate-event.ts';
import { PORTAL_STATUSES } from '../partner-principal.ts';
import { createPartnerSession, type PartnerSessionCookie } from '../sessions/create-partner-session.ts';

const REFUSED = 'the sign-in link is invalid, expired or already used';

/**
 * Opens a single sign-on link: it works once, before it expires, and signs in the affiliate's
 * owner. The session has not proved a second factor, so financial actions still ask for one.
 */
export async function consumeLoginLink({
  db,
  env,
  ...input
}: {
  db: Db;
  env: IdentityEnv;
  token: string;
  ip?: string | null;
  userAgent?: string | null;
}): Promise<PartnerSessionCookie & { userId: number }> {
  return inTransaction(db, async (trx) => {
    const link = await trx
      .updateTable('sso_login_links')
      .set({ used_at: new Date() })
      .where('token_hash', '=', sha256(input.token))
      .where('used_at', 'is', null)
      .where('expires_at', '>', new Date())
      .returning(['affiliate_id', 'created_by_staff_id'])
      .executeTakeFirst();
    if (!link) throw new AppError('gone', REFUSED);
    const owner = await trx
      .selectFrom('affiliate_users as u')
      .innerJoin('affiliates as a', 'a.id', 'u.affiliate_id')
      .select(['u.id', 'u.email', 'a.status as affiliate_status'])
      .where('u.affiliate_id', '=', link.affiliate_id)
      .where('u.is_owner', '=', true)
      .where('u.status', '=', 'active')
      .where('u.locked_at', 'is', null)
      .orderBy('u.id')
      .executeTakeFirst();
    if (!owner || !PORTAL_STATUSES.includes(owner.affiliate_status)) {
      throw new AppError('forbidden', 'the affiliate account cannot use the portal now');
    }
    await trx
      .updateTable('sso_login_links')
      .set({ used_by_user_id: owner.id })
      .where('token_hash', '=', sha256(input.token))
      .execute();
    const session = await createPartnerSession(trx, {
      userId: owner.id,
      method: 'sso',
      ttlHours: env.sessionTtlHours,
      twoFactorVerified: false,
      ip: input.ip,
      userAgent: input.userAgent,
      createdByStaffId: link.created_by_staff_id,
    });
    await recordAffiliateEvent(trx, {
      affiliateId: link.affiliate_id,
      type: 'signed_in',
      userId: owner.id,
      actor: { type: 'affiliate_user', id: owner.id, name: owner.email, ip: input.ip },
      data: { method: 'sso', session_id: session.id, link_created_by_staff_id: link.created_by_staff_id },
    });
    return { ...session, userId: owner.id };
  });
}
