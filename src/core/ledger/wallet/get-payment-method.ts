import type { Db } from '../../../db/index.ts';
import { loadMethod, type PaymentMethodView, toMethodView } from './payment-method-view.ts';

/** One live payment method, masked; `affiliateId` scopes it (another affiliate's is not found). */
export async function getPaymentMethod(options: {
  db: Db;
  id: number;
  affiliateId?: number;
}): Promise<PaymentMethodView> {
  return toMethodView(await loadMethod(options.db, options.id, options.affiliateId));
}
