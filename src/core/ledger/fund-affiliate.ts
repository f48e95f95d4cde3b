import { type MoneyOperationOptions, moneyOperation } from './money-operation.ts';
import type { PostedEntry } from './post-entry.ts';

/** Funds an affiliate: the operator's money to the affiliate's available balance. Idempotent by the caller's reference. */
export function fundAffiliate(options: MoneyOperationOptions): Promise<PostedEntry> {
  return moneyOperation('fund', options);
}
