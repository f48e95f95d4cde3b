import { type MoneyOperationOptions, moneyOperation } from './money-operation.ts';
import type { PostedEntry } from './post-entry.ts';

/** A manual balance correction, positive or negative, with a reason the affiliate sees; it cannot take the available balance below zero. Idempotent by the caller's reference. */
export function correctBalance(options: MoneyOperationOptions): Promise<PostedEntry> {
  return moneyOperation('correction', options);
}
