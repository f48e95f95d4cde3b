// @internal: an inquiry as both APIs show it, with its answers, their files and its history
import type { Selectable } from 'kysely';
import type { Db } from '../../../db/index.ts';
import type { InquiriesTable, InquiryStatus } from '../../../db/tables/correspondence.ts';
import { managedAffiliateIds } from '../../auth/managed-affiliates.ts';
import { AppError } from '../../errors.ts';
import { type FileView, fileView } from '../files.ts';

export interface InquiryAnswerView {
  id: number;
  body: string;
  files: FileView[];
  decision: 'accepted' | 'rejected' | null;
  decision_comment: string | null;
  answered_by: string;
  created_at: Date;
}

export interface InquiryChangeView {
  from_status: InquiryStatus | null;
  to_status: InquiryStatus;
  comment: string | null;
  actor_type: string;
  actor_name: string;
  created_at: Date;
}

export type InquirySummary = Omit<Selectable<InquiriesTable>, 'created_by'> & { created_by: string };

export interface InquiryView extends InquirySummary {
  answers: InquiryAnswerView[];
  changes: InquiryChangeView[];
}

/** The statuses in which the affiliate is expected to answer. */
export const AWAITING_AFFILIATE: InquiryStatus[] = ['open', 'rejected'];

export async function loadInquiryRow(
  db: Db,
  id: number,
  scope: { affiliateId?: number; managerId?: number },
  lock = false,
): Promise<Selectable<InquiriesTable>> {
  let q = db.selectFrom('inquiries').selectAll().where('id', '=', id);
  if (scope.affiliateId !== undefined) q = q.where('affiliate_id', '=', scope.affiliateId);
  if (scope.managerId !== undefined)
    q = q.where('affiliate_id', 'in', managedAffiliateIds(db, scope.managerId));
  const row = await (lock ? q.forUpdate() : q).executeTakeFirst();
  if (!row) throw AppError.notFound('inquiry');
  return row;
}

export async function inquiryView(db: Db, row: Selectable<InquiriesTable>): Promise<InquiryView> {
  const [answers, files, changes] = await Promise.all([
    db.selectFrom('inquiry_answers').selectAll().where('inquiry_id', '=', row.id).orderBy('id').execute(),
    db
      .selectFrom('correspondence_files')
      .innerJoin('inquiry_answers', 'inquiry_answers.id', 'correspondence_files.inquiry_answer_id')
      .selectAll('correspondence_files')
      .where('inquiry_answers.inquiry_id', '=', row.id)
      .orderBy('correspondence_files.id')
      .execute(),
    db.selectFrom('inquiry_changes').selectAll().where('inquiry_id', '=', row.id).orderBy('id').execute(),
  ]);
  return {
    ...row,
    answers: answers.map((a) => ({
      id: a.id,
      body: a.body,
      files: files.filter((f) => f.inquiry_answer_id === a.id).map(fileView),
      decision: a.decision,
      decision_comment: a.decision_comment,
      answered_by: a.actor_name,
      created_at: a.created_at,
    })),
    changes: changes.map((c) => ({
      from_status: c.from_status,
      to_status: c.to_status,
      comment: c.comment,
      actor_type: c.actor_type,
      actor_name: c.actor_name,
      created_at: c.created_at,
    })),
  };
}
