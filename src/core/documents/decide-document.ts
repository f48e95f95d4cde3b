import type { Db } from '../../db/index.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Actor } from '../actor.ts';
import { AppError } from '../errors.ts';
import { recordAffiliateEvent } from '../identity/event-log/record-affiliate-event.ts';
import { type DocumentView, documentView, loadDocumentRow } from './document-view.ts';

/** The operator approves or declines (with a comment the affiliate reads) a pending document. */
export async function decideDocument(options: {
  db: Db;
  actor: Actor;
  id: number;
  decision: 'approved' | 'declined';
  comment?: string | null;
  managerId?: number;
}): Promise<DocumentView> {
  const comment = options.comment?.trim() || null;
  if (comment && comment.length > 2000) throw AppError.field('comment', 'must be at most 2000 characters');
  if (options.decision === 'declined' && !comment)
    throw AppError.field('comment', 'is required: tell the affiliate why the document is declined');
  const scope = options.managerId === undefined ? {} : { managerId: options.managerId };
  return inTransaction(options.db, async (trx) => {
    const row = await loadDocumentRow(trx, options.id, scope, true);
    if (row.status !== 'pending')
      throw new AppError('invalid_state', `the document is already ${row.status}`, { status: row.status });
    const updated = await trx
      .updateTable('affiliate_documents')
      .set({
        status: options.decision,
        decision_comment: comment,
        decided_by: options.actor.name.slice(0, 200),
        decided_at: new Date(),
      })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAffiliateEvent(trx, {
      affiliateId: row.affiliate_id,
      type: `document_${options.decision}`,
      actor: options.actor,
      data: { document_id: row.id, kind: row.kind, ...(comment ? { comment } : {}) },
    });
    return documentView(updated);
  });
}
