// @internal: only core/identity imports this file.
import type { Db } from '../../../db/index.ts';
import { randomToken, sha256 } from '../../auth/secrets.ts';

export interface NewPartnerSession {
  userId: number;
  method: 'password' | 'sso';
  ttlHours: number;
  twoFactorVerified: boolean;
  ip?: string | null;
  userAgent?: string | null;
  createdByStaffId?: number | null;
}

export interface PartnerSessionCookie {
  id: number;
  token: string;
  expiresAt: Date;
}

export async function createPartnerSession(db: Db, input: NewPartnerSession): Promise<PartnerSessionCookie> {
  const token = randomToken();
  const expiresAt = new Date(Date.now() + input.ttlHours * 3_600_000);
  const row = await db
    .insertInto('affiliate_sessions')
    .values({
      token_hash: sha256(token),
      affiliate_user_id: input.userId,
      method: input.method,
      created_by_staff_id: input.createdByStaffId ?? null,
      expires_at: expiresAt,
      two_factor_verified_at: input.twoFactorVerified ? new Date() : null,
      ip: input.ip ?? null,
      user_agent: input.userAgent?.slice(0, 512) ?? null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, token, expiresAt };
}
