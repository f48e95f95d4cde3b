import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { Actor } from '../../actor.ts';
import { AppError } from '../../errors.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import { notifyAffiliate } from '../notify.ts';
import { type InquiryView, inquiryView, loadInquiryRow } from './inquiry-view.ts';
import { recordInquiryChange } from './record-change.ts';

/**
 * The operator accepts the latest answer (the inquiry is done) or rejects it with a comment
 * telling the affiliate what is missing: a rejected inquiry waits for a new answer, which makes
 * it `answered` again. Only an answered inquiry is decided.
 */
export async function decideInquiry(options: {
  db: Db;
  jobs: JobQueue;
  actor: Actor;
  publicUrl: string;
  id: number;
  decision: 'accepted' | 'rejected';
  comment?: string | null;
  managerId?: number;
}): Promise<InquiryView> {
  const comment = options.comment?.trim() || null;
  if (comment && comment.length > 2000) throw AppError.field('comment', 'must be at most 2000 characters');
  if (options.decision === 'rejected' && !comment)
    throw AppError.field('comment', 'is required: tell the affiliate what is missing');
  const scope = options.managerId === undefined ? {} : { managerId: options.managerId };
  return inTransaction(options.db, async (trx) => {
    const row = await loadInquiryRow(trx, options.id, scope, true);
    if (row.status !== 'answered')
      throw new AppError('invalid_state', `only an answered inquiry is decided; this one is ${row.status}`, {
        status: row.status,
      });
    const latest = await trx
      .selectFrom('inquiry_answers')
      .select('id')
      .where('inquiry_id', '=', row.id)
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    await trx
      .updateTable('inquiry_answers')
      .set({ decision: options.decision, decision_comment: comment })
      .where('id', '=', latest.id)
      .execute();
    const now = new Date();
    const updated = await trx
      .updateTable('inquiries')
      .set({ status: options.decision, decided_at: now, decision_comment: comment, updated_at: now })
      .where('id', '=', row.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordInquiryChange(trx, {
      inquiryId: row.id,
      affiliateId: row.affiliate_id,
      from: 'answered',
      to: options.decision,
      comment,
      actor: options.actor,
    });
    await notifyAffiliate(options.jobs, trx, row.affiliate_id, {
      template: `inquiry_${options.decision}`,
      subject:
        options.decision === 'accepted'
          ? `Your answer was accepted: ${row.subject}`
          : `Your answer needs more: ${row.subject}`,
      paragraphs:
        options.decision === 'accepted'
          ? ['Thank you: your answer was accepted.', ...(comment ? [comment] : [])]
          : [`Your answer was not enough: ${comment}`, 'Please answer again in the portal.'],
      url: `${options.publicUrl}/portal/inquiries/${row.id}`,
      label: 'Open the inquiry',
    });
    return inquiryView(trx, updated);
  });
}
