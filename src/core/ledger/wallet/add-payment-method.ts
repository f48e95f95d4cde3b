import { isUniqueViolation } from '../../../db/errors.ts';
import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { Actor } from '../../actor.ts';
import type { PaymentDetails } from '../../affiliates/payment-methods.ts';
import { AppError, type FieldError } from '../../errors.ts';
import { recordAffiliateEvent } from '../../identity/event-log/record-affiliate-event.ts';
import { assertAffiliate } from '../idempotency.ts';
import { type PaymentMethodView, toMethodView } from './payment-method-view.ts';
import {
  isWalletType,
  needsVerification,
  normalizeWalletDetails,
  validateWalletDetails,
  WALLET_TYPES,
} from './wallet-types.ts';

export interface PaymentMethodInput {
  type: string;
  details: PaymentDetails;
}

/**
 * Adds a payment method to the affiliate's wallet: at most one live method of each type (409
 * `conflict` for a second), its details checked per type. A bank transfer starts unverified until
 * the operator approves an uploaded statement. The events log says who added what (masked).
 */
export async function addPaymentMethod(options: {
  db: Db;
  actor: Actor;
  affiliateId: number;
  input: PaymentMethodInput;
}): Promise<PaymentMethodView> {
  const { db, affiliateId, input } = options;
  await assertAffiliate(db, affiliateId);
  const problems: FieldError[] = [];
  const type = input.type?.trim();
  if (!isWalletType(type)) {
    problems.push({ path: 'type', message: `must be one of: ${WALLET_TYPES.join(', ')}` });
    throw AppError.validation(problems);
  }
  const details = normalizeWalletDetails(type, input.details ?? {});
  problems.push(...validateWalletDetails(type, details));
  if (problems.length) throw AppError.validation(problems);
  return inTransaction(db, async (trx) => {
    const now = new Date();
    let row: Awaited<ReturnType<typeof insert>>;
    const insert = () =>
      trx
        .insertInto('wallet_payment_methods')
        .values({
          affiliate_id: affiliateId,
          type,
          details: JSON.stringify(details),
          verification: needsVerification(type) ? 'unverified' : 'not_required',
          created_at: now,
          updated_at: now,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
    try {
      row = await insert();
    } catch (error) {
      if (isUniqueViolation(error))
        throw new AppError('conflict', `the wallet already has a ${type} payment method: delete it first`, {
          type,
        });
      throw error;
    }
    const view = toMethodView(row);
    await recordAffiliateEvent(trx, {
      affiliateId,
      type: 'payment_method_added',
      actor: options.actor,
      data: { payment_method_id: view.id, type, details: view.details },
    });
    return view;
  });
}
