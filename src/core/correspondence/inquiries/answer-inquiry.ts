import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import { type Actor, actorColumns } from '../../actor.ts';
import { AppError, type FieldError } from '../../errors.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import {
  checkFiles,
  type IncomingFile,
  insertFiles,
  requireText,
  throwProblems,
  writeFiles,
} from '../files.ts';
import { notifyManager } from '../notify.ts';
import { AWAITING_AFFILIATE, type InquiryView, inquiryView, loadInquiryRow } from './inquiry-view.ts';
import { recordInquiryChange } from './record-change.ts';

/**
 * The affiliate answers an open inquiry, or a rejected one again, with text and up to 5 files:
 * the inquiry becomes `answered` and waits for the operator's decision.
 */
export async function answerInquiry(options: {
  db: Db;
  jobs: JobQueue;
  actor: Actor;
  dataDir: string;
  publicUrl: string;
  affiliateId: number;
  id: number;
  body?: string;
  files: IncomingFile[];
}): Promise<InquiryView> {
  const problems: FieldError[] = [];
  const body = requireText(problems, 'body', options.body, 10_000);
  const files = checkFiles(options.files, problems);
  throwProblems(problems);
  // Not found before the files are written, so a stranger's id stores nothing.
  const current = await loadInquiryRow(options.db, options.id, { affiliateId: options.affiliateId });
  const written = await writeFiles(options.dataDir, files);
  try {
    return await inTransaction(options.db, async (trx) => {
      const row = await loadInquiryRow(trx, current.id, { affiliateId: options.affiliateId }, true);
      if (!AWAITING_AFFILIATE.includes(row.status))
        throw new AppError('invalid_state', `the inquiry is already ${row.status}`, { status: row.status });
      const answer = await trx
        .insertInto('inquiry_answers')
        .values({
          inquiry_id: row.id,
          affiliate_id: row.affiliate_id,
          body,
          ...actorColumns(options.actor),
          actor_name: options.actor.name.slice(0, 200),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await insertFiles(
        trx,
        { affiliateId: row.affiliate_id, inquiryAnswerId: answer.id },
        files,
        written.keys,
      );
      const now = new Date();
      const updated = await trx
        .updateTable('inquiries')
        .set({ status: 'answered', answered_at: now, updated_at: now })
        .where('id', '=', row.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordInquiryChange(trx, {
        inquiryId: row.id,
        affiliateId: row.affiliate_id,
        from: row.status,
        to: 'answered',
        actor: options.actor,
      });
      await notifyManager(options.jobs, trx, row.affiliate_id, {
        template: 'inquiry_answered',
        subject: `Inquiry answered: ${row.subject}`,
        paragraphs: [
          `Affiliate ${row.affiliate_id} answered the inquiry "${row.subject}"${files.length ? ` with ${files.length} file(s)` : ''}.`,
          'Accept or reject the answer in the back office.',
        ],
        url: `${options.publicUrl}/admin/inquiries/${row.id}`,
        label: 'Review the answer',
      });
      return inquiryView(trx, updated);
    });
  } catch (error) {
    await written.remove();
    throw error;
  }
}
