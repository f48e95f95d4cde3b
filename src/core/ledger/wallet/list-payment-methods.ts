import type { Db } from '../../../db/index.ts';
import { assertAffiliate } from '../idempotency.ts';
import { type PaymentMethodView, toMethodView } from './payment-method-view.ts';

export type { PaymentMethodView } from './payment-method-view.ts';

/** The affiliate's live payment methods, oldest first, masked. */
export async function listPaymentMethods(options: {
  db: Db;
  affiliateId: number;
}): Promise<PaymentMethodView[]> {
  await assertAffiliate(options.db, options.affiliateId);
  const rows = await options.db
    .selectFrom('wallet_payment_methods')
    .selectAll()
    .where('affiliate_id', '=', options.affiliateId)
    .where('deleted_at', 'is', null)
    .orderBy('id')
    .execute();
  return rows.map(toMethodView);
}
