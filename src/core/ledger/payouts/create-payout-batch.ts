import { electronicFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools';
import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { Actor } from '../../actor.ts';
import { managedAffiliateIds } from '../../auth/managed-affiliates.ts';
import { AppError, type FieldError } from '../../errors.ts';
import { checkCurrency } from '../idempotency.ts';
import { loadBatch, type PayoutBatchView } from './payout-batch-view.ts';

export interface PayoutBatchInput {
  currency: string;
  cash_out_ids: number[];
  /** The operator's account the transfers leave from: needed for the SEPA file. */
  debtor_name?: string;
  debtor_iban?: string;
  debtor_bic?: string;
}

/**
 * The operator selects pending cash-outs of one currency for payment: they join an open batch (and
 * can no longer be cancelled) until it is marked paid or cancelled. A cash-out already in an open
 * batch, not pending, of another currency or (for a limited manager) of another's affiliate is
 * refused, every such id listed.
 */
export async function createPayoutBatch(options: {
  db: Db;
  actor: Actor;
  input: PayoutBatchInput;
  managerId?: number;
}): Promise<PayoutBatchView> {
  const { db, input } = options;
  const problems: FieldError[] = [];
  const currency = await checkCurrency(db, input.currency, 'currency', problems);
  const ids = [...new Set(input.cash_out_ids ?? [])];
  if (ids.length === 0) problems.push({ path: 'cash_out_ids', message: 'choose at least one cash-out' });
  const iban = input.debtor_iban?.trim() ? (electronicFormatIBAN(input.debtor_iban) ?? '') : null;
  const bic = input.debtor_bic?.trim().toUpperCase() || null;
  if (iban !== null && !isValidIBAN(iban))
    problems.push({ path: 'debtor_iban', message: 'must be a valid IBAN' });
  if (bic !== null && !isValidBIC(bic))
    problems.push({ path: 'debtor_bic', message: 'must be a BIC of 8 or 11 characters' });
  const name = input.debtor_name?.trim() ?? '';
  if (name.length > 70) problems.push({ path: 'debtor_name', message: 'must be at most 70 characters' });
  if (problems.length || !currency) throw AppError.validation(problems);
  return inTransaction(db, async (trx) => {
    let q = trx.selectFrom('cash_outs').selectAll().where('id', 'in', ids.map(BigInt));
    if (options.managerId !== undefined)
      q = q.where('affiliate_id', 'in', managedAffiliateIds(trx, options.managerId));
    const rows = await q.orderBy('id').forUpdate().execute();
    const found = new Map(rows.map((r) => [Number(r.id), r]));
    ids.forEach((id, i) => {
      const row = found.get(id);
      const path = `cash_out_ids.${i}`;
      if (!row) problems.push({ path, message: `cash-out ${id} not found` });
      else if (row.status !== 'pending')
        problems.push({ path, message: `cash-out ${id} is ${row.status}, not pending` });
      else if (row.payout_batch_id !== null)
        problems.push({ path, message: `cash-out ${id} is already in payout batch ${row.payout_batch_id}` });
      else if (row.currency !== currency.code)
        problems.push({ path, message: `cash-out ${id} is in ${row.currency}, not ${currency.code}` });
    });
    if (problems.length) throw AppError.validation(problems);
    const total = rows.reduce((sum, r) => sum + r.amount, 0n);
    const now = new Date();
    const batch = await trx
      .insertInto('payout_batches')
      .values({
        currency: currency.code,
        debtor_name: name,
        debtor_iban: iban,
        debtor_bic: bic,
        total_amount: total,
        item_count: rows.length,
        created_by: options.actor.name.slice(0, 200),
        created_at: now,
        updated_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('cash_outs')
      .set({ payout_batch_id: batch.id, updated_at: now })
      .where('id', 'in', ids.map(BigInt))
      .execute();
    return loadBatch(trx, batch.id);
  });
}
