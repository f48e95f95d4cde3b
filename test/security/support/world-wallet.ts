import { SYSTEM } from '../../../src/core/actor.ts';
import { requestCashOut } from '../../../src/core/ledger/cash-outs/request-cash-out.ts';
import { createPayoutBatch } from '../../../src/core/ledger/payouts/create-payout-batch.ts';
import { saveCashOutSchedule } from '../../../src/core/ledger/schedules/save-cash-out-schedule.ts';
import { addPaymentMethod } from '../../../src/core/ledger/wallet/add-payment-method.ts';
import { uploadBankStatement } from '../../../src/core/ledger/wallet/upload-bank-statement.ts';
import type { IdentityTestApp } from '../../identity/helpers.ts';

export interface WalletWorld {
  /** A Skrill payment method of A and of B, each with an automatic schedule in EUR. */
  aPaymentMethodId: number;
  bPaymentMethodId: number;
  aScheduleId: number;
  bScheduleId: number;
  /** A bank transfer method of each, with a pending statement. */
  aBankMethodId: number;
  bBankMethodId: number;
  aStatementId: number;
  bStatementId: number;
  /** An open payout batch holding one pending cash-out of A, and one of B. */
  aBatchId: number;
  bBatchId: number;
}

/** Wallet seeds of A and B; each affiliate must already hold at least 20.00 EUR available. */
export async function seedWallets(
  t: IdentityTestApp,
  dataDir: string,
  aId: number,
  bId: number,
): Promise<WalletWorld> {
  const one = async (affiliateId: number) => {
    const db = t.db;
    const skrill = await addPaymentMethod({
      db,
      actor: SYSTEM,
      affiliateId,
      input: { type: 'skrill', details: { email: `wallet-${affiliateId}@skrill.test` } },
    });
    const bank = await addPaymentMethod({
      db,
      actor: SYSTEM,
      affiliateId,
      input: {
        type: 'bank_transfer',
        details: { account_holder: 'Security', iban: 'NL91ABNA0417164300', bic: 'ABNANL2A' },
      },
    });
    const statement = await uploadBankStatement({
      db,
      actor: SYSTEM,
      dataDir,
      affiliateId,
      paymentMethodId: bank.id,
      fileName: 'statement.pdf',
      file: Buffer.from('%PDF-1.4\n'),
    });
    const schedule = await saveCashOutSchedule({
      db,
      actor: SYSTEM,
      affiliateId,
      input: {
        currency: 'EUR',
        payment_method_id: skrill.id,
        frequency: 'daily',
        min_amount: 10_00,
        max_amount: 50_00,
      },
    });
    const cashOut = await requestCashOut({
      db,
      actor: SYSTEM,
      affiliateId,
      input: { currency: 'EUR', amount: 20_00, payment_method_id: skrill.id },
    });
    const batch = await createPayoutBatch({
      db,
      actor: SYSTEM,
      input: { currency: 'EUR', cash_out_ids: [cashOut.cashOut.id] },
    });
    return {
      skrill: skrill.id,
      bank: bank.id,
      statement: statement.id,
      schedule: schedule.id,
      batch: batch.id,
    };
  };
  const a = await one(aId);
  const b = await one(bId);
  return {
    aPaymentMethodId: a.skrill,
    bPaymentMethodId: b.skrill,
    aScheduleId: a.schedule,
    bScheduleId: b.schedule,
    aBankMethodId: a.bank,
    bBankMethodId: b.bank,
    aStatementId: a.statement,
    bStatementId: b.statement,
    aBatchId: a.batch,
    bBatchId: b.batch,
  };
}
