import type { Db } from '../../../db/index.ts';
import { type InquiryView, inquiryView, loadInquiryRow } from './inquiry-view.ts';

/** One inquiry with its answers, files and history: the affiliate's own, or a manager's affiliate's. */
export async function getInquiry(options: {
  db: Db;
  id: number;
  affiliateId?: number;
  managerId?: number;
}): Promise<InquiryView> {
  const { affiliateId, managerId } = options;
  const row = await loadInquiryRow(options.db, options.id, {
    ...(affiliateId === undefined ? {} : { affiliateId }),
    ...(managerId === undefined ? {} : { managerId }),
  });
  return inquiryView(options.db, row);
}
