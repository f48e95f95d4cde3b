import type { Selectable } from 'kysely';
import type { Db } from '../../db/index.ts';
import type { AffiliateUsersTable } from '../../db/tables/affiliates.ts';
import { AppError } from '../errors.ts';

export type AffiliateUserRow = Selectable<AffiliateUsersTable>;

/** A team member as the owner, the operator and the user see it: never a secret. */
export interface AffiliateUserView {
  id: number;
  affiliate_id: number;
  email: string;
  first_name: string;
  last_name: string;
  status: 'active' | 'inactive' | 'blocked';
  is_owner: boolean;
  locked: boolean;
  locked_at: Date | null;
  two_factor_enabled: boolean;
  has_password: boolean;
  last_sign_in_at: Date | null;
  created_at: Date;
}

export function toUserView(row: AffiliateUserRow): AffiliateUserView {
  return {
    id: row.id,
    affiliate_id: row.affiliate_id,
    email: row.email,
    first_name: row.first_name,
    last_name: row.last_name,
    status: row.status,
    is_owner: row.is_owner,
    locked: row.locked_at !== null,
    locked_at: row.locked_at,
    two_factor_enabled: row.totp_enabled_at !== null,
    has_password: row.password_hash !== null,
    last_sign_in_at: row.last_sign_in_at,
    created_at: row.created_at,
  };
}

export const displayName = (row: Pick<AffiliateUserRow, 'first_name' | 'last_name' | 'email'>) =>
  `${row.first_name} ${row.last_name}`.trim() || row.email;

/**
 * A user of `affiliateId`. One of another affiliate is answered exactly like a missing one, so
 * ids cannot be probed across affiliates.
 */
export async function findAffiliateUser(
  db: Db,
  affiliateId: number,
  userId: number,
): Promise<AffiliateUserRow> {
  const row = await db
    .selectFrom('affiliate_users')
    .selectAll()
    .where('id', '=', userId)
    .where('affiliate_id', '=', affiliateId)
    .executeTakeFirst();
  if (!row) throw AppError.notFound(`user ${userId}`);
  return row;
}

export async function getAffiliateUser(db: Db, userId: number): Promise<AffiliateUserRow> {
  const row = await db.selectFrom('affiliate_users').selectAll().where('id', '=', userId).executeTakeFirst();
  if (!row) throw AppError.notFound(`affiliate user ${userId}`);
  return row;
}
