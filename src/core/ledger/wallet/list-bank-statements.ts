import type { Db } from '../../../db/index.ts';
import { managedAffiliateIds } from '../../auth/managed-affiliates.ts';
import { type BankStatementView, view } from './bank-statement-view.ts';

export type { BankStatementView } from './bank-statement-view.ts';

/** Statements, newest first: one method's, or (operator) every `status` one, a limited manager's only. */
export async function listBankStatements(options: {
  db: Db;
  affiliateId?: number;
  paymentMethodId?: number;
  status?: 'pending' | 'approved' | 'declined';
  managerId?: number;
}): Promise<BankStatementView[]> {
  let q = options.db.selectFrom('wallet_bank_statements').selectAll();
  if (options.affiliateId !== undefined) q = q.where('affiliate_id', '=', options.affiliateId);
  if (options.paymentMethodId !== undefined) q = q.where('payment_method_id', '=', options.paymentMethodId);
  if (options.status) q = q.where('status', '=', options.status);
  if (options.managerId !== undefined)
    q = q.where('affiliate_id', 'in', managedAffiliateIds(options.db, options.managerId));
  const rows = await q.orderBy('id', 'desc').limit(500).execute();
  return rows.map(view);
}
