import { stringify } from 'csv-stringify/sync';
import type { Db } from '../../../db/index.ts';
import { findCurrency } from '../../reference/get-currency.ts';
import { majorUnits } from '../cash-outs/cash-out-limits.ts';
import { loadBatch } from './payout-batch-view.ts';
import { rawDetails } from './payout-details.ts';

/**
 * The batch as CSV for the operator's bank or PSP: one line per cash-out with the payee's full
 * details as copied when it was requested (unmasked: the operator pays to them).
 */
export async function exportPayoutCsv(options: { db: Db; id: number; managerId?: number }): Promise<string> {
  const batch = await loadBatch(options.db, options.id, options.managerId);
  const currency = await findCurrency(options.db, batch.currency);
  const details = await rawDetails(options.db, batch.id);
  const rows = batch.cash_outs.map((c) => {
    const d = details.get(c.id) ?? {};
    return [
      c.id,
      c.affiliate_id,
      d.account_holder ?? d.account_name ?? d.payee_name ?? '',
      c.method,
      majorUnits(c.amount, currency?.minor_unit ?? 2),
      c.currency,
      d.iban ?? d.account_number ?? d.email ?? d.wallet_address ?? d.purse ?? d.player_id ?? '',
      d.bic ?? d.swift_code ?? '',
      JSON.stringify(d),
      `Cash-out ${c.id}`,
    ];
  });
  return stringify(rows, {
    header: true,
    columns: [
      'cash_out_id',
      'affiliate_id',
      'payee',
      'method',
      'amount',
      'currency',
      'account',
      'bic',
      'details',
      'reference',
    ],
  });
}
