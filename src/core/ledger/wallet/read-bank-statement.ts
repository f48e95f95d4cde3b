import fs from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../../../db/index.ts';
import { managedAffiliateIds } from '../../auth/managed-affiliates.ts';
import { AppError } from '../../errors.ts';
import { type BankStatementView, dirOf, view } from './bank-statement-view.ts';

/** The statement's file for the operator to read before deciding. */
export async function readBankStatement(options: {
  db: Db;
  dataDir: string;
  id: number;
  managerId?: number;
}): Promise<{ file: Buffer; contentType: string; fileName: string; statement: BankStatementView }> {
  let q = options.db.selectFrom('wallet_bank_statements').selectAll().where('id', '=', options.id);
  if (options.managerId !== undefined)
    q = q.where('affiliate_id', 'in', managedAffiliateIds(options.db, options.managerId));
  const row = await q.executeTakeFirst();
  if (!row) throw AppError.notFound('bank statement');
  const file = await fs.readFile(path.join(dirOf(options.dataDir), row.storage_key));
  return { file, contentType: row.content_type, fileName: row.file_name, statement: view(row) };
}
