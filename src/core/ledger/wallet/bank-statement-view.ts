// @internal: bank statements as the API shows them, and where their files live
import path from 'node:path';
import type { Selectable } from 'kysely';
import type { WalletBankStatementsTable } from '../../../db/tables/ledger.ts';

export interface BankStatementView {
  id: number;
  payment_method_id: number;
  affiliate_id: number;
  file_name: string;
  content_type: string;
  size_bytes: number;
  status: 'pending' | 'approved' | 'declined';
  decision_reason: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  created_at: Date;
}

export const view = (row: Selectable<WalletBankStatementsTable>): BankStatementView => {
  const { storage_key: _key, ...rest } = row;
  return rest;
};
export const dirOf = (dataDir: string) => path.join(dataDir, 'bank-statements');
