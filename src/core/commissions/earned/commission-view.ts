import type { Selectable } from 'kysely';
import type { CommissionStatus, CommissionsTable } from '../../../db/tables/earned-commissions.ts';

export type CommissionRow = Selectable<CommissionsTable>;

/** A commission as the API shows it (money in minor units of `currency`). */
export interface CommissionView {
  id: number;
  brand_id: number;
  affiliate_id: number;
  currency: string;
  amount: number;
  kind: CommissionsTable['kind']['__select__'];
  status: CommissionStatus;
  plan_id: number | null;
  plan_version_id: number | null;
  customer_ref: number | null;
  event_ref: number | null;
  campaign_id: number | null;
  promo_id: number | null;
  source_affiliate_id: number | null;
  level: number | null;
  source_commission_id: number | null;
  reverses_id: number | null;
  period_start: string | null;
  period_end: string | null;
  earned_at: Date;
  hold_until: Date | null;
  explanation: string;
  trace: Record<string, unknown>;
  created_at: Date;
}

const num = (v: bigint | null) => (v === null ? null : Number(v));

export function commissionView(row: CommissionRow): CommissionView {
  return {
    id: Number(row.id),
    brand_id: row.brand_id,
    affiliate_id: row.affiliate_id,
    currency: row.currency,
    amount: Number(row.amount),
    kind: row.kind,
    status: row.status,
    plan_id: row.plan_id,
    plan_version_id: row.plan_version_id,
    customer_ref: num(row.customer_id),
    event_ref: num(row.event_id),
    campaign_id: row.campaign_id,
    promo_id: row.promo_id,
    source_affiliate_id: row.source_affiliate_id,
    level: row.level,
    source_commission_id: num(row.source_commission_id),
    reverses_id: num(row.reverses_id),
    period_start: row.period_start,
    period_end: row.period_end,
    earned_at: row.earned_at,
    hold_until: row.hold_until,
    explanation: row.explanation,
    trace: row.trace,
    created_at: row.created_at,
  };
}
