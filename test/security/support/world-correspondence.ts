import { SYSTEM } from '../../../src/core/actor.ts';
import { answerInquiry } from '../../../src/core/correspondence/inquiries/answer-inquiry.ts';
import { openInquiry } from '../../../src/core/correspondence/inquiries/open-inquiry.ts';
import { sendMessage } from '../../../src/core/correspondence/messages/send-message.ts';
import type { IdentityTestApp } from '../../identity/helpers.ts';

export interface CorrespondenceWorld {
  /** An answered inquiry of A and of B, each answer with one PDF. */
  aInquiryId: number;
  bInquiryId: number;
  aFileId: number;
  bFileId: number;
  /** A message from the operator to A and one to B, and one from each affiliate. */
  aMessageId: number;
  bMessageId: number;
  aReplyId: number;
  bReplyId: number;
}

/** Inquiries of A and B, answered with a file each. */
export async function seedCorrespondence(
  t: IdentityTestApp,
  dataDir: string,
  aId: number,
  bId: number,
): Promise<CorrespondenceWorld> {
  const one = async (affiliateId: number) => {
    const common = { db: t.db, jobs: t.jobs, actor: SYSTEM, publicUrl: 'http://localhost' };
    const opened = await openInquiry({
      ...common,
      affiliateId,
      input: { subject: 'Proof of address', expected_reply: 'A utility bill' },
    });
    const answered = await answerInquiry({
      ...common,
      dataDir,
      affiliateId,
      id: opened.id,
      body: 'Attached',
      files: [{ file_name: 'bill.pdf', content: Buffer.from('%PDF-1.4\n') }],
    });
    const message = { ...common, dataDir, affiliateId, subject: 'Hello', body: 'Welcome', files: [] };
    const fromOperator = await sendMessage({ ...message, sender: 'operator' });
    const fromAffiliate = await sendMessage({ ...message, sender: 'affiliate' });
    return {
      inquiry: answered.id,
      file: answered.answers[0]!.files[0]!.id,
      message: fromOperator.id,
      reply: fromAffiliate.id,
    };
  };
  const a = await one(aId);
  const b = await one(bId);
  return {
    aInquiryId: a.inquiry,
    bInquiryId: b.inquiry,
    aFileId: a.file,
    bFileId: b.file,
    aMessageId: a.message,
    bMessageId: b.message,
    aReplyId: a.reply,
    bReplyId: b.reply,
  };
}
