import { XMLBuilder } from 'fast-xml-parser';
import { isValidBIC, isValidIBAN } from 'ibantools';
import type { Db } from '../../../db/index.ts';
import { AppError } from '../../errors.ts';
import { majorUnits } from '../cash-outs/cash-out-limits.ts';
import { loadBatch } from './payout-batch-view.ts';
import { rawDetails } from './payout-details.ts';

export const PAIN_001_NS = 'urn:iso:std:iso:20022:tech:xsd:pain.001.001.09';

// SEPA's Latin character set; anything else becomes a space (names, remittance text).
const sepaText = (value: string, max: number) =>
  value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9/\-?:().,'+ ]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max) || 'NOTPROVIDED';

/**
 * The batch as a SEPA credit transfer initiation (ISO 20022 pain.001.001.09): one payment
 * information block from the operator's account, one transaction per cash-out to the IBAN and BIC
 * copied when it was requested. Only EUR batches whose every cash-out names a bank account; each
 * one that does not is listed (422).
 */
export async function exportPayoutSepa(options: {
  db: Db;
  id: number;
  managerId?: number;
  now?: Date;
}): Promise<string> {
  const batch = await loadBatch(options.db, options.id, options.managerId);
  const problems = [];
  if (batch.currency !== 'EUR') problems.push({ path: 'currency', message: 'a SEPA file pays EUR only' });
  if (!batch.debtor_iban || !batch.debtor_bic)
    problems.push({
      path: 'debtor_iban',
      message: "create the batch with the operator's IBAN and BIC (debtor)",
    });
  const details = await rawDetails(options.db, batch.id);
  const payees = batch.cash_outs.map((c, i) => {
    const d = details.get(c.id) ?? {};
    const iban = d.iban ?? '';
    const bic = (d.bic ?? d.swift_code ?? '').toUpperCase();
    if (!isValidIBAN(iban) || !isValidBIC(bic))
      problems.push({
        path: `cash_outs.${i}`,
        message: `cash-out ${c.id} (${c.method}) names no IBAN and BIC`,
      });
    return { c, iban, bic, name: d.account_holder ?? d.account_name ?? `Affiliate ${c.affiliate_id}` };
  });
  if (problems.length) throw AppError.validation(problems);
  const now = options.now ?? new Date();
  const total = majorUnits(batch.total_amount, 2);
  const count = String(batch.cash_outs.length);
  const document = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    Document: {
      '@_xmlns': PAIN_001_NS,
      CstmrCdtTrfInitn: {
        GrpHdr: {
          MsgId: `AFFLUENT-PAYOUT-${batch.id}`,
          CreDtTm: now.toISOString().slice(0, 19),
          NbOfTxs: count,
          CtrlSum: total,
          InitgPty: { Nm: sepaText(batch.debtor_name || 'Affiliate program', 70) },
        },
        PmtInf: {
          PmtInfId: `PAYOUT-${batch.id}`,
          PmtMtd: 'TRF',
          BtchBookg: 'true',
          NbOfTxs: count,
          CtrlSum: total,
          PmtTpInf: { SvcLvl: { Cd: 'SEPA' } },
          ReqdExctnDt: { Dt: now.toISOString().slice(0, 10) },
          Dbtr: { Nm: sepaText(batch.debtor_name || 'Affiliate program', 70) },
          DbtrAcct: { Id: { IBAN: batch.debtor_iban } },
          DbtrAgt: { FinInstnId: { BICFI: batch.debtor_bic } },
          ChrgBr: 'SLEV',
          CdtTrfTxInf: payees.map(({ c, iban, bic, name }) => ({
            PmtId: { EndToEndId: `CASHOUT-${c.id}` },
            Amt: { InstdAmt: { '@_Ccy': 'EUR', '#text': majorUnits(c.amount, 2) } },
            CdtrAgt: { FinInstnId: { BICFI: bic } },
            Cdtr: { Nm: sepaText(name, 70) },
            CdtrAcct: { Id: { IBAN: iban } },
            RmtInf: { Ustrd: sepaText(`Affiliate cash-out ${c.id}`, 140) },
          })),
        },
      },
    },
  };
  const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: true });
  return builder.build(document);
}
