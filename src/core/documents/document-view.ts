// @internal: documents as the APIs show them, where their files live, loading one in a scope
import path from 'node:path';
import type { Selectable } from 'kysely';
import type { Db } from '../../db/index.ts';
import type { AffiliateDocumentsTable } from '../../db/tables/documents.ts';
import { managedAffiliateIds } from '../auth/managed-affiliates.ts';
import { AppError } from '../errors.ts';

export type DocumentRow = Selectable<AffiliateDocumentsTable>;

/** One entry of the documents list: an uploaded document, or a bank statement of a bank account. */
export interface DocumentView {
  /** `document`: decided through the documents; `bank_statement`: through the bank statements. */
  source: 'document' | 'bank_statement';
  id: number;
  affiliate_id: number;
  kind: DocumentRow['kind'] | 'bank_statement';
  description: string | null;
  payment_method_id: number | null;
  file_name: string;
  content_type: string;
  size_bytes: number;
  status: DocumentRow['status'];
  decision_comment: string | null;
  decided_by: string | null;
  decided_at: Date | null;
  uploaded_by: string | null;
  created_at: Date;
}

export const documentView = (row: DocumentRow): DocumentView => ({
  source: 'document',
  id: row.id,
  affiliate_id: row.affiliate_id,
  kind: row.kind,
  description: row.description,
  payment_method_id: null,
  file_name: row.file_name,
  content_type: row.content_type,
  size_bytes: row.size_bytes,
  status: row.status,
  decision_comment: row.decision_comment,
  decided_by: row.decided_by,
  decided_at: row.decided_at,
  uploaded_by: row.actor_name,
  created_at: row.created_at,
});

export const dirOf = (dataDir: string) => path.join(dataDir, 'documents');

export async function loadDocumentRow(
  db: Db,
  id: number,
  scope: { affiliateId?: number; managerId?: number },
  lock = false,
): Promise<DocumentRow> {
  let q = db.selectFrom('affiliate_documents').selectAll().where('id', '=', id);
  if (scope.affiliateId !== undefined) q = q.where('affiliate_id', '=', scope.affiliateId);
  if (scope.managerId !== undefined)
    q = q.where('affiliate_id', 'in', managedAffiliateIds(db, scope.managerId));
  const row = await (lock ? q.forUpdate() : q).executeTakeFirst();
  if (!row) throw AppError.notFound('document');
  return row;
}
