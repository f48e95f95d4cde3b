import type { Db } from '../../../db/index.ts';
import { assertAffiliate } from '../idempotency.ts';
import { type ScheduleView, toScheduleView } from './schedule-view.ts';

export type { ScheduleView } from './schedule-view.ts';

/** The affiliate's automatic cash-out schedules, one per currency. */
export async function listCashOutSchedules(options: {
  db: Db;
  affiliateId: number;
}): Promise<ScheduleView[]> {
  await assertAffiliate(options.db, options.affiliateId);
  const rows = await options.db
    .selectFrom('cash_out_schedules')
    .selectAll()
    .where('affiliate_id', '=', options.affiliateId)
    .orderBy('currency')
    .execute();
  return rows.map(toScheduleView);
}
