// @internal: cash-outs as the API shows them
import type { Selectable } from 'kysely';
import type { Db } from '../../../db/index.ts';
import type { CashOutStatus, CashOutsTable } from '../../../db/tables/ledger.ts';
import type { ActorType } from '../../actor.ts';
import type { PaymentDetails } from '../../affiliates/payment-methods.ts';
import { managedAffiliateIds } from '../../auth/managed-affiliates.ts';
import { AppError } from '../../errors.ts';
import { isWalletType, maskWalletDetails } from '../wallet/wallet-types.ts';

export interface CashOutChangeView {
  from_status: CashOutStatus | null;
  to_status: CashOutStatus;
  reason: string | null;
  entry_id: number;
  actor: { type: ActorType; id: number | null; name: string };
  created_at: Date;
}

export interface CashOutView {
  id: number;
  affiliate_id: number;
  currency: string;
  amount: bigint;
  method: string;
  payment_method_id: number | null;
  /** The method's details when requested, masked. */
  payment_details: PaymentDetails;
  scheduled_for: string | null;
  payout_batch_id: number | null;
  status: CashOutStatus;
  payment_reference: string | null;
  requested_by: { type: ActorType; id: number | null; name: string };
  created_at: Date;
  updated_at: Date;
  finished_at: Date | null;
  changes: CashOutChangeView[];
}

export function toView(row: Selectable<CashOutsTable>, changes: CashOutChangeView[] = []): CashOutView {
  return {
    id: Number(row.id),
    affiliate_id: row.affiliate_id,
    currency: row.currency,
    amount: row.amount,
    method: row.method,
    payment_method_id: row.payment_method_id,
    payment_details: isWalletType(row.method)
      ? maskWalletDetails(row.method, row.payment_details as PaymentDetails)
      : {},
    scheduled_for: row.scheduled_for,
    payout_batch_id: row.payout_batch_id,
    status: row.status,
    payment_reference: row.payment_reference,
    requested_by: { type: row.actor_type, id: row.actor_id, name: row.actor_name },
    created_at: row.created_at,
    updated_at: row.updated_at,
    finished_at: row.finished_at,
    changes,
  };
}

/** One cash-out with its changes; `affiliateId` or a limited `managerId` scope it (others' are not found). */
export async function loadCashOut(
  db: Db,
  id: number,
  affiliateId?: number,
  managerId?: number,
): Promise<CashOutView> {
  let q = db.selectFrom('cash_outs').selectAll().where('id', '=', BigInt(id));
  if (affiliateId !== undefined) q = q.where('affiliate_id', '=', affiliateId);
  if (managerId !== undefined) q = q.where('affiliate_id', 'in', managedAffiliateIds(db, managerId));
  const row = await q.executeTakeFirst();
  if (!row) throw AppError.notFound('cash-out');
  const changes = await db
    .selectFrom('cash_out_changes')
    .selectAll()
    .where('cash_out_id', '=', row.id)
    .orderBy('id')
    .execute();
  return toView(
    row,
    changes.map((c) => ({
      from_status: c.from_status,
      to_status: c.to_status,
      reason: c.reason,
      entry_id: Number(c.entry_id),
      actor: { type: c.actor_type, id: c.actor_id, name: c.actor_name },
      created_at: c.created_at,
    })),
  );
}
