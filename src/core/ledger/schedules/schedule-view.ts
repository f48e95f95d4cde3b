// @internal: automatic cash-out schedules as the API shows them
import type { Selectable } from 'kysely';
import type { CashOutSchedulesTable, ScheduleFrequency } from '../../../db/tables/ledger.ts';

export interface ScheduleView {
  id: number;
  affiliate_id: number;
  currency: string;
  payment_method_id: number;
  frequency: ScheduleFrequency;
  weekdays: number[];
  month_days: number[];
  min_amount: bigint;
  max_amount: bigint;
  reserve_amount: bigint;
  enabled: boolean;
  created_at: Date;
  updated_at: Date;
}

export const toScheduleView = (row: Selectable<CashOutSchedulesTable>): ScheduleView => ({
  ...row,
  weekdays: [...row.weekdays].sort((a, b) => a - b),
  month_days: [...row.month_days].sort((a, b) => a - b),
});
