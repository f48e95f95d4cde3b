import { SYSTEM } from '../../../src/core/actor.ts';
import { answerInquiry } from '../../../src/core/correspondence/inquiries/answer-inquiry.ts';
import { openInquiry } from '../../../src/core/correspondence/inquiries/open-inquiry.ts';
import type { IdentityTestApp } from '../../identity/helpers.ts';

export interface CorrespondenceWorld {
  /** An answered inquiry of A and of B, each answer with one PDF. */
  aInquiryId: number;
  bInquiryId: number;
  aFileId: number;
  bFileId: number;
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
    return { inquiry: answered.id, file: answered.answers[0]!.files[0]!.id };
  };
  const a = await one(aId);
  const b = await one(bId);
  return { aInquiryId: a.inquiry, bInquiryId: b.inquiry, aFileId: a.file, bFileId: b.file };
}
