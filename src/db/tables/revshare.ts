import type { ColumnType } from 'kysely';

type Id8 = ColumnType<bigint, bigint | string, bigint | string>;
type Money = ColumnType<bigint, bigint | string | undefined, bigint | string>;

export interface RevshareAccrualsTable {
  customer_id: Id8;
  day: string;
  affiliate_id: number;
  campaign_id: number | null;
  brand_id: number;
  currency: string;
  bets: Money;
  bet_count: Money;
  wins: Money;
  bonuses: Money;
  jackpot_contributions: Money;
  taxes: Money;
  fees: Money;
  chargebacks: Money;
  adjustments: Money;
  deposits: Money;
  deposit_count: ColumnType<number, number | undefined, number>;
  withdrawals: Money;
}

export interface RevshareDirtyDaysTable {
  customer_id: Id8;
  day: string;
  marks: ColumnType<bigint, bigint | undefined, bigint>;
}

export interface RevshareSettlementsTable {
  affiliate_id: number;
  brand_id: number;
  plan_id: number;
  plan_version_id: number;
  currency: string;
  period_start: string;
  period_end: string;
  basis_amount: string;
  net_pl: Money;
  raw: Money;
  carry_in: Money;
  carry_out: Money;
  amount: Money;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}

export interface RevshareTables {
  revshare_accruals: RevshareAccrualsTable;
  revshare_dirty_days: RevshareDirtyDaysTable;
  revshare_settlements: RevshareSettlementsTable;
}
