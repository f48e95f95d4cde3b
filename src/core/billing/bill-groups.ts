// @internal: what a bill run reads (the affiliates' settings and their billable commissions)
import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';
import type { BillStatus } from '../../db/tables/billing.ts';
import { addDays, type Period } from './billing-periods.ts';

export interface BillingSettings {
  affiliate_id: number;
  frequency: string;
  delay: number;
  /** In `threshold_currency` (the affiliate's default currency; null when it has none). */
  threshold: bigint;
  threshold_currency: string | null;
  terms: number;
  hidden: boolean;
}

export interface Group {
  affiliate_id: number;
  brand_id: number;
  plan_id: number | null;
  currency: string;
  total: bigint;
  lines: number;
}

export interface ExistingBill {
  id: bigint;
  affiliate_id: number;
  brand_id: number;
  plan_id: number | null;
  currency: string;
  status: BillStatus;
  issued_amount: bigint;
  amount_to_pay: bigint;
  lines: number;
}

export const groupKey = (g: {
  affiliate_id: number;
  brand_id: number;
  plan_id: number | null;
  currency: string;
}) => `${g.affiliate_id}:${g.brand_id}:${g.plan_id ?? 0}:${g.currency}`;

/** The first instant after the period: commissions earned before it may be billed in it. */
export const endOf = (period: Period) => `${addDays(period.end, 1)}T00:00:00Z`;

/**
 * A commission is billable in a period when it is approved, was earned before the period ended and
 * is on no bill: what an earlier period left below the threshold rolls into this one.
 */
const billable = (period: Period) => sql`c.status = 'approved' and c.earned_at < ${endOf(period)}::timestamptz
  and not exists (select 1 from bill_lines l where l.commission_id = c.id)`;

/** The affiliates a run without a list looks at: those with something billable or a bill to regenerate. */
export async function affiliatesToBill(db: Db, period: Period): Promise<number[]> {
  const { rows } = await sql<{ affiliate_id: number }>`
    select distinct c.affiliate_id from commissions c where ${billable(period)}
    union
    select affiliate_id from bills where period_start = ${period.start} and period_end = ${period.end}
      and status in ('pending', 'on_hold')`.execute(db);
  return rows.map((r) => r.affiliate_id).sort((a, b) => a - b);
}

export async function loadSettings(db: Db, affiliateIds: number[]): Promise<BillingSettings[]> {
  const { rows } = await sql<BillingSettings>`
    select a.id as affiliate_id, coalesce(b.frequency, 'manual') as frequency,
      coalesce(b.invoice_generation_delay_days, 0) as delay, coalesce(b.invoice_amount_threshold, 0) as threshold,
      a.default_currency as threshold_currency, coalesce(b.payment_terms_days, 0) as terms, coalesce(b.invoices_hidden_by_default, false) as hidden
    from affiliates a left join affiliate_billing b on b.affiliate_id = a.id
    where a.id = any(${affiliateIds}::int[]) order by a.id`.execute(db);
  return rows.map((r) => ({ ...r, threshold: BigInt(r.threshold) }));
}

/** The period's bills of these affiliates, locked: approval and a rerun queue on them. */
export async function lockPeriodBills(
  db: Db,
  period: Period,
  affiliateIds: number[],
): Promise<ExistingBill[]> {
  const { rows } = await sql<ExistingBill>`
    select b.id, b.affiliate_id, b.brand_id, b.plan_id, b.currency, b.status, b.issued_amount, b.amount_to_pay,
      (select count(*)::int from bill_lines l where l.bill_id = b.id) as lines
    from bills b where b.period_start = ${period.start} and b.period_end = ${period.end}
      and b.affiliate_id = any(${affiliateIds}::int[])
    order by b.id for update of b`.execute(db);
  return rows.map((r) => ({
    ...r,
    issued_amount: BigInt(r.issued_amount),
    amount_to_pay: BigInt(r.amount_to_pay),
  }));
}

/**
 * Billable commissions, and those already on the period's open bills (`openIds`), summed per
 * affiliate, brand, plan and currency: what each bill would pay after regeneration.
 */
export async function billableGroups(
  db: Db,
  period: Period,
  affiliateIds: number[],
  openIds: string[],
): Promise<Group[]> {
  const { rows } = await sql<Group>`
    select c.affiliate_id, c.brand_id, c.plan_id, c.currency, sum(c.amount) as total, count(*)::int as lines
    from commissions c where c.affiliate_id = any(${affiliateIds}::int[]) and c.status = 'approved'
      and c.earned_at < ${endOf(period)}::timestamptz
      and not exists (select 1 from bill_lines l where l.commission_id = c.id and l.bill_id <> all(${openIds}::int8[]))
    group by c.affiliate_id, c.brand_id, c.plan_id, c.currency`.execute(db);
  return rows.map((r) => ({ ...r, total: BigInt(r.total) }));
}

/** Lines for every billable commission of the bills still open in the period; the bills' sums follow them. */
export async function writeLines(db: Db, period: Period, affiliateIds: number[]): Promise<void> {
  await sql`
    insert into bill_lines (bill_id, commission_id, amount)
    select b.id, c.id, c.amount from commissions c
    join bills b on b.affiliate_id = c.affiliate_id and b.brand_id = c.brand_id
      and coalesce(b.plan_id, 0) = coalesce(c.plan_id, 0) and b.currency = c.currency
      and b.period_start = ${period.start} and b.period_end = ${period.end} and b.status in ('pending', 'on_hold')
    where c.affiliate_id = any(${affiliateIds}::int[]) and ${billable(period)}
    order by c.id`.execute(db);
  // The lines are what a bill pays: its issued amount is their sum, the corrections kept on top.
  await sql`
    update bills b set amount_to_pay = greatest(0, b.amount_to_pay - b.issued_amount + s.total),
      issued_amount = s.total
    from (select l.bill_id, sum(l.amount) as total from bill_lines l join bills x on x.id = l.bill_id
      where x.period_start = ${period.start} and x.period_end = ${period.end}
        and x.affiliate_id = any(${affiliateIds}::int[]) and x.status in ('pending', 'on_hold')
      group by l.bill_id) s
    where b.id = s.bill_id and b.issued_amount <> s.total`.execute(db);
}
