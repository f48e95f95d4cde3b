import type { Db } from '../../../db/index.ts';
import { type CommissionFilter, listCommissions } from './list-commissions.ts';

/**
 * The affiliate's own commissions, newest first. Affiliates see each commission's explanation
 * sentence (the rule, amounts and tier in plain words), not the operator's structured trace,
 * which names internal ids of events and other affiliates' earnings it was cut from.
 */
export async function listPartnerCommissions(options: {
  db: Db;
  affiliateId: number;
  filter: Omit<CommissionFilter, 'affiliate_id'>;
  limit: number;
  offset: number;
}) {
  const result = await listCommissions({
    db: options.db,
    filter: { ...options.filter, affiliate_id: options.affiliateId },
    limit: options.limit,
    offset: options.offset,
  });
  return {
    total: result.total,
    data: result.data.map(({ trace: _, source_affiliate_id: __, ...view }) => view),
  };
}
