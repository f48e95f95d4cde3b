// @internal: payment methods as the API shows them (masked)
import type { Selectable } from 'kysely';
import type { Db } from '../../../db/index.ts';
import type { Verification, WalletPaymentMethodsTable } from '../../../db/tables/ledger.ts';
import type { PaymentDetails } from '../../affiliates/payment-methods.ts';
import { AppError } from '../../errors.ts';
import { maskWalletDetails, type WalletType } from './wallet-types.ts';

export interface PaymentMethodView {
  id: number;
  affiliate_id: number;
  type: WalletType;
  /** Secret fields masked: the last 4 characters, an email's first letter and domain. */
  details: PaymentDetails;
  verification: Verification;
  created_at: Date;
  updated_at: Date;
}

export function toMethodView(row: Selectable<WalletPaymentMethodsTable>): PaymentMethodView {
  const type = row.type as WalletType;
  return {
    id: row.id,
    affiliate_id: row.affiliate_id,
    type,
    details: maskWalletDetails(type, row.details),
    verification: row.verification,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** A live method; `affiliateId` scopes it (another affiliate's is not found). */
export async function loadMethod(db: Db, id: number, affiliateId?: number, forUpdate = false) {
  let q = db
    .selectFrom('wallet_payment_methods')
    .selectAll()
    .where('id', '=', id)
    .where('deleted_at', 'is', null);
  if (affiliateId !== undefined) q = q.where('affiliate_id', '=', affiliateId);
  const row = await (forUpdate ? q.forUpdate() : q).executeTakeFirst();
  if (!row) throw AppError.notFound('payment method');
  return row;
}
