import type { Db } from '../../db/index.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Actor } from '../actor.ts';
import { recordOperatorChange } from '../audit/record-operator-change.ts';
import { getCurrency } from './get-currency.ts';
import type { Currency } from './model.ts';

/**
 * Offers a currency for new choices (brands, affiliates, reports, plans), or stops offering it.
 * What already names a disabled currency keeps it: only new choices are refused (assertCurrency).
 */
export async function setCurrencyEnabled({
  db,
  actor,
  code,
  enabled,
}: {
  db: Db;
  actor: Actor;
  code: string;
  enabled: boolean;
}): Promise<Currency> {
  return inTransaction(db, async (trx) => {
    const currency = await getCurrency(trx, code);
    const row = await trx
      .updateTable('currencies')
      .set({ enabled })
      .where('code', '=', currency.code)
      .returningAll()
      .executeTakeFirstOrThrow();
    if (currency.enabled !== enabled)
      await recordOperatorChange(trx, {
        entity: 'currency',
        id: currency.code,
        action: enabled ? 'enabled' : 'disabled',
        actor,
      });
    return row;
  });
}
