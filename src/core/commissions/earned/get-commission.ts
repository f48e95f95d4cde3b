import type { Db } from '../../../db/index.ts';
import { AppError } from '../../errors.ts';
import { type CommissionView, commissionView } from './commission-view.ts';

export interface StatusChange {
  from_status: string;
  to_status: string;
  reason: string | null;
  actor: { type: string; id: number | null; name: string };
  at: Date;
}

/** One commission with its trace and every status change; another manager's is not found. */
export async function getCommission(options: {
  db: Db;
  id: number;
  managerId?: number;
  affiliateId?: number;
}): Promise<CommissionView & { status_changes: StatusChange[] }> {
  const { db } = options;
  const row = await db
    .selectFrom('commissions')
    .selectAll()
    .where('id', '=', BigInt(options.id))
    .executeTakeFirst();
  if (!row || (options.affiliateId !== undefined && row.affiliate_id !== options.affiliateId))
    throw AppError.notFound('commission');
  if (options.managerId !== undefined) {
    const owner = await db
      .selectFrom('affiliates')
      .select('account_manager_id')
      .where('id', '=', row.affiliate_id)
      .executeTakeFirst();
    if (owner?.account_manager_id !== options.managerId) throw AppError.notFound('commission');
  }
  const changes = await db
    .selectFrom('commission_status_changes')
    .selectAll()
    .where('commission_id', '=', row.id)
    .orderBy('id')
    .execute();
  return {
    ...commissionView(row),
    status_changes: changes.map((c) => ({
      from_status: c.from_status,
      to_status: c.to_status,
      reason: c.reason,
      actor: { type: c.actor_type, id: c.actor_id, name: c.actor_name },
      at: c.created_at,
    })),
  };
}
