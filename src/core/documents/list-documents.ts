import type { Db } from '../../db/index.ts';
import type { DocumentStatus } from '../../db/tables/documents.ts';
import { managedAffiliateIds } from '../auth/managed-affiliates.ts';
import { listBankStatements } from '../ledger/wallet/list-bank-statements.ts';
import { type DocumentView, documentView } from './document-view.ts';

/**
 * An affiliate's documents newest first: the uploaded ones and its bank accounts' statements
 * (kind `bank_statement`, decided through the bank statements, which verifies the account).
 */
export async function listDocuments(options: {
  db: Db;
  affiliateId?: number;
  status?: DocumentStatus;
  managerId?: number;
}): Promise<DocumentView[]> {
  let q = options.db.selectFrom('affiliate_documents').selectAll();
  if (options.affiliateId !== undefined) q = q.where('affiliate_id', '=', options.affiliateId);
  if (options.status) q = q.where('status', '=', options.status);
  if (options.managerId !== undefined)
    q = q.where('affiliate_id', 'in', managedAffiliateIds(options.db, options.managerId));
  const [rows, statements] = await Promise.all([
    q.orderBy('id', 'desc').limit(500).execute(),
    listBankStatements({
      db: options.db,
      ...(options.affiliateId === undefined ? {} : { affiliateId: options.affiliateId }),
      ...(options.status ? { status: options.status } : {}),
      ...(options.managerId === undefined ? {} : { managerId: options.managerId }),
    }),
  ]);
  const fromStatements: DocumentView[] = statements.map((s) => ({
    source: 'bank_statement',
    id: s.id,
    affiliate_id: s.affiliate_id,
    kind: 'bank_statement',
    description: null,
    payment_method_id: s.payment_method_id,
    file_name: s.file_name,
    content_type: s.content_type,
    size_bytes: s.size_bytes,
    status: s.status,
    decision_comment: s.decision_reason,
    decided_by: s.decided_by,
    decided_at: s.decided_at,
    uploaded_by: null,
    created_at: s.created_at,
  }));
  return [...rows.map(documentView), ...fromStatements].sort(
    (a, b) => b.created_at.getTime() - a.created_at.getTime(),
  );
}
