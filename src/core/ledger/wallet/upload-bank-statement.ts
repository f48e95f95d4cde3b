import fs from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { Actor } from '../../actor.ts';
import { newCode } from '../../clicks/ids.ts';
import { AppError } from '../../errors.ts';
import { checkUpload } from '../../files/uploaded-file.ts';
import { type BankStatementView, dirOf, view } from './bank-statement-view.ts';
import { loadMethod } from './payment-method-view.ts';

/**
 * The affiliate uploads a bank statement for a bank transfer method: the file (PDF, PNG or JPEG,
 * read from its bytes) goes under <DATA_DIR>/bank-statements and the method waits for the
 * operator's decision (verification `pending`).
 */
export async function uploadBankStatement(options: {
  db: Db;
  actor: Actor;
  dataDir: string;
  affiliateId: number;
  paymentMethodId: number;
  fileName: string;
  file: Buffer;
}): Promise<BankStatementView> {
  const { file } = options;
  const checked = checkUpload(file, 'statement');
  if ('problem' in checked) throw AppError.field('content_base64', checked.problem);
  const { kind } = checked;
  const fileName = options.fileName.trim().slice(0, 200) || `statement.${kind.ext}`;
  const method = await loadMethod(options.db, options.paymentMethodId, options.affiliateId);
  if (method.type !== 'bank_transfer')
    throw AppError.field('payment_method_id', 'only a bank transfer method is verified by a statement');
  const key = `${newCode(24)}.${kind.ext}`;
  await fs.mkdir(dirOf(options.dataDir), { recursive: true });
  const target = path.join(dirOf(options.dataDir), key);
  await fs.writeFile(target, file, { flag: 'wx' });
  try {
    return await inTransaction(options.db, async (trx) => {
      const row = await trx
        .insertInto('wallet_bank_statements')
        .values({
          payment_method_id: method.id,
          affiliate_id: method.affiliate_id,
          storage_key: key,
          file_name: fileName,
          content_type: kind.type,
          size_bytes: file.length,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await trx
        .updateTable('wallet_payment_methods')
        .set({ verification: 'pending', updated_at: new Date() })
        .where('id', '=', method.id)
        .execute();
      return view(row);
    });
  } catch (error) {
    await fs.rm(target, { force: true });
    throw error;
  }
}
