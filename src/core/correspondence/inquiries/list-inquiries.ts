import type { Selectable } from 'kysely';
import type { Db } from '../../../db/index.ts';
import type { InquiriesTable, InquiryStatus } from '../../../db/tables/correspondence.ts';
import { managedAffiliateIds } from '../../auth/managed-affiliates.ts';
import { AWAITING_AFFILIATE } from './inquiry-view.ts';

export interface InquiryFilter {
  affiliateId?: number;
  status?: InquiryStatus;
  /** Open and rejected: waiting for the affiliate's answer. */
  awaitingAffiliate?: boolean;
  managerId?: number;
}

/** Inquiries newest first, with the total for paging. */
export async function listInquiries(options: {
  db: Db;
  filter: InquiryFilter;
  limit: number;
  offset: number;
}): Promise<{ data: Selectable<InquiriesTable>[]; total: number }> {
  const f = options.filter;
  let q = options.db.selectFrom('inquiries');
  if (f.affiliateId !== undefined) q = q.where('affiliate_id', '=', f.affiliateId);
  if (f.status) q = q.where('status', '=', f.status);
  if (f.awaitingAffiliate) q = q.where('status', 'in', AWAITING_AFFILIATE);
  if (f.managerId !== undefined)
    q = q.where('affiliate_id', 'in', managedAffiliateIds(options.db, f.managerId));
  const [data, count] = await Promise.all([
    q.selectAll().orderBy('id', 'desc').limit(options.limit).offset(options.offset).execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { data, total: Number(count.n) };
}
