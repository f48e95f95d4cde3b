import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { Actor } from '../../actor.ts';
import { AppError, type FieldError } from '../../errors.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import { requireText, throwProblems } from '../files.ts';
import { notifyAffiliate } from '../notify.ts';
import { type InquiryView, inquiryView } from './inquiry-view.ts';
import { recordInquiryChange } from './record-change.ts';

export interface OpenInquiryInput {
  subject?: string;
  expected_reply?: string;
  due_date?: string | null;
}

/** `YYYY-MM-DD` that is a real day, else null. */
export function parseDay(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const d = new Date(`${value}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== value ? null : value;
}

/**
 * The operator asks an affiliate for documents or missing information: what the answer must
 * contain and, optionally, by when. The affiliate's owners are emailed (a job in the same
 * transaction) and the inquiry shows as open on the affiliate until it is answered.
 */
export async function openInquiry(options: {
  db: Db;
  jobs: JobQueue;
  actor: Actor;
  publicUrl: string;
  affiliateId: number;
  input: OpenInquiryInput;
}): Promise<InquiryView> {
  const problems: FieldError[] = [];
  const subject = requireText(problems, 'subject', options.input.subject, 200);
  const expected = requireText(problems, 'expected_reply', options.input.expected_reply, 5000);
  let due: string | null = null;
  if (options.input.due_date) {
    due = parseDay(options.input.due_date);
    if (!due) problems.push({ path: 'due_date', message: 'enter a date like 2026-12-31' });
    else if (due < new Date().toISOString().slice(0, 10))
      problems.push({ path: 'due_date', message: 'must be today or later' });
  }
  throwProblems(problems);
  return inTransaction(options.db, async (trx) => {
    const affiliate = await trx
      .selectFrom('affiliates')
      .select('id')
      .where('id', '=', options.affiliateId)
      .executeTakeFirst();
    if (!affiliate) throw AppError.notFound('affiliate');
    const row = await trx
      .insertInto('inquiries')
      .values({
        affiliate_id: affiliate.id,
        subject,
        expected_reply: expected,
        due_date: due,
        created_by: options.actor.name.slice(0, 200),
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordInquiryChange(trx, {
      inquiryId: row.id,
      affiliateId: row.affiliate_id,
      from: null,
      to: 'open',
      actor: options.actor,
    });
    await notifyAffiliate(options.jobs, trx, row.affiliate_id, {
      template: 'inquiry_opened',
      subject: `We need something from you: ${subject}`,
      paragraphs: [
        `We asked you for: ${expected}`,
        ...(due ? [`Please answer by ${due}.`] : []),
        'Answer in the portal, with text and files (PDF, PNG or JPEG).',
      ],
      url: `${options.publicUrl}/portal/inquiries/${row.id}`,
      label: 'Answer the inquiry',
    });
    return inquiryView(trx, row);
  });
}
