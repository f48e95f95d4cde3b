import { type MoneyOperationOptions, moneyOperation } from './money-operation.ts';
import type { PostedEntry } from './post-entry.ts';

/** Charges an affiliate: from its available balance (never below zero: 409 insufficient_funds) to the operator's. Idempotent by the caller's reference. */
export function chargeAffiliate(options: MoneyOperationOptions): Promise<PostedEntry> {
  return moneyOperation('charge', options);
}
