// @internal: the method a cash-out pays to, and the copy of its details the cash-out keeps
import type { Db } from '../../../db/index.ts';
import type { PaymentDetails } from '../../affiliates/payment-methods.ts';
import type { FieldError } from '../../errors.ts';
import { isWalletType, type WalletType } from '../wallet/wallet-types.ts';

export interface PayoutMethod {
  type: WalletType;
  paymentMethodId: number | null;
  details: PaymentDetails;
}

/**
 * A wallet method named by `payment_method_id` (live, the affiliate's own; a bank transfer only once
 * verified), or else the account's payment method (`method` naming its type). Pushes the problem
 * and answers null when there is none to pay to.
 */
export async function resolvePayoutMethod(
  db: Db,
  affiliateId: number,
  input: { payment_method_id?: number; method?: string },
  problems: FieldError[],
): Promise<PayoutMethod | null> {
  if (input.payment_method_id !== undefined) {
    const row = await db
      .selectFrom('wallet_payment_methods')
      .selectAll()
      .where('id', '=', input.payment_method_id)
      .where('affiliate_id', '=', affiliateId)
      .where('deleted_at', 'is', null)
      .executeTakeFirst();
    if (!row || !isWalletType(row.type)) {
      problems.push({ path: 'payment_method_id', message: 'is not one of your payment methods' });
      return null;
    }
    if (input.method && input.method.trim() !== row.type) {
      problems.push({
        path: 'method',
        message: `must be the payment method's type (${row.type}) or left out`,
      });
      return null;
    }
    if (row.verification !== 'not_required' && row.verification !== 'approved') {
      problems.push({
        path: 'payment_method_id',
        message: 'this bank account is not verified yet: upload a bank statement and wait for its approval',
      });
      return null;
    }
    return { type: row.type, paymentMethodId: row.id, details: row.details };
  }
  const own = await db
    .selectFrom('affiliate_payment_methods')
    .select(['type', 'details'])
    .where('affiliate_id', '=', affiliateId)
    .executeTakeFirst();
  const type = own?.type ?? 'none';
  const method = input.method?.trim() || type;
  if (type === 'none' || !isWalletType(type)) {
    problems.push({ path: 'method', message: 'add a payment method to the account before withdrawing' });
    return null;
  }
  if (method !== type) {
    problems.push({ path: 'method', message: `must be the account's payment method (${type})` });
    return null;
  }
  return { type, paymentMethodId: null, details: (own?.details ?? {}) as PaymentDetails };
}
