// @internal: bills as the APIs show them, and the scoped lookup every bill operation starts from
import type { Db } from '../../db/index.ts';
import type { BillAction, BillStatus } from '../../db/tables/billing.ts';
import type { ActorType } from '../actor.ts';
import { managedAffiliateIds } from '../auth/managed-affiliates.ts';
import { AppError } from '../errors.ts';

type ActorView = { type: ActorType; id: number | null; name: string };

export interface BillView {
  id: number;
  affiliate_id: number;
  affiliate_name: string;
  brand_id: number;
  brand_name: string;
  plan_id: number | null;
  plan_name: string | null;
  currency: string;
  period_start: string;
  period_end: string;
  /** Minor units: what the lines sum to. */
  issued_amount: bigint;
  /** Minor units: the issued amount after corrections. */
  amount_to_pay: bigint;
  issued_on: string;
  due_date: string;
  hidden: boolean;
  status: BillStatus;
  lines_count: number;
  ledger_entry_id: number | null;
  approved_at: Date | null;
  paid_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface BillLineView {
  id: number;
  commission_id: number;
  kind: string;
  amount: bigint;
  earned_at: Date;
  explanation: string;
}

export interface BillCorrectionView {
  id: number;
  action: 'add' | 'subtract';
  amount: bigint;
  comment: string;
  after_approval: boolean;
  ledger_entry_id: number | null;
  actor: ActorView;
  created_at: Date;
}

export interface BillChangeView {
  action: BillAction;
  from_status: BillStatus | null;
  to_status: BillStatus;
  issued_amount: bigint;
  reason: string | null;
  actor: ActorView;
  created_at: Date;
}

export interface BillDetail extends BillView {
  lines: BillLineView[];
  corrections: BillCorrectionView[];
  changes: BillChangeView[];
}

export interface BillScope {
  /** The partner API: only this affiliate's bills, never hidden ones. */
  affiliateId?: number;
  /** A limited manager: only their affiliates' bills. */
  managerId?: number;
}

/** Bills joined with the names they show; scoped as `scope` says. */
export function billQuery(db: Db, scope: BillScope = {}) {
  let q = db
    .selectFrom('bills as b')
    .innerJoin('affiliates as a', 'a.id', 'b.affiliate_id')
    .innerJoin('brands as br', 'br.id', 'b.brand_id')
    .leftJoin('commission_plans as p', 'p.id', 'b.plan_id');
  if (scope.affiliateId !== undefined)
    q = q.where('b.affiliate_id', '=', scope.affiliateId).where('b.hidden', '=', false);
  if (scope.managerId !== undefined)
    q = q.where('b.affiliate_id', 'in', managedAffiliateIds(db, scope.managerId));
  return q;
}

export function selectBill<Q extends ReturnType<typeof billQuery>>(q: Q) {
  return q.select((eb) => [
    'b.id',
    'b.affiliate_id',
    'a.name as affiliate_name',
    'b.brand_id',
    'br.name as brand_name',
    'b.plan_id',
    'p.name as plan_name',
    'b.currency',
    'b.period_start',
    'b.period_end',
    'b.issued_amount',
    'b.amount_to_pay',
    'b.issued_on',
    'b.due_date',
    'b.hidden',
    'b.status',
    'b.ledger_entry_id',
    'b.approved_at',
    'b.paid_at',
    'b.created_at',
    'b.updated_at',
    eb
      .selectFrom('bill_lines as l')
      .select((e) => e.fn.countAll<string>().as('n'))
      .whereRef('l.bill_id', '=', 'b.id')
      .as('lines_count'),
  ]);
}

type Row = Awaited<ReturnType<ReturnType<typeof selectBill>['executeTakeFirstOrThrow']>>;

export function toBillView(r: Row): BillView {
  return {
    ...r,
    id: Number(r.id),
    plan_name: r.plan_name ?? null,
    lines_count: Number(r.lines_count ?? 0),
    ledger_entry_id: r.ledger_entry_id === null ? null : Number(r.ledger_entry_id),
  };
}

/** One bill with its lines, corrections and changes; another's (or a hidden one, for the partner) is a 404. */
export async function loadBill(db: Db, id: number, scope: BillScope = {}): Promise<BillDetail> {
  const row = await selectBill(billQuery(db, scope).where('b.id', '=', BigInt(id))).executeTakeFirst();
  if (!row) throw AppError.notFound('bill');
  const [lines, corrections, changes] = await Promise.all([
    db
      .selectFrom('bill_lines as l')
      .innerJoin('commissions as c', 'c.id', 'l.commission_id')
      .select(['l.id', 'l.commission_id', 'c.kind', 'l.amount', 'c.earned_at', 'c.explanation'])
      .where('l.bill_id', '=', BigInt(id))
      .orderBy('l.id')
      .execute(),
    db.selectFrom('bill_corrections').selectAll().where('bill_id', '=', BigInt(id)).orderBy('id').execute(),
    db.selectFrom('bill_changes').selectAll().where('bill_id', '=', BigInt(id)).orderBy('id').execute(),
  ]);
  const actor = (r: { actor_type: ActorType; actor_id: number | null; actor_name: string }) => ({
    type: r.actor_type,
    id: r.actor_id,
    name: r.actor_name,
  });
  return {
    ...toBillView(row),
    lines: lines.map((l) => ({ ...l, id: Number(l.id), commission_id: Number(l.commission_id) })),
    corrections: corrections.map((c) => ({
      id: Number(c.id),
      action: c.action,
      amount: c.amount,
      comment: c.comment,
      after_approval: c.after_approval,
      ledger_entry_id: c.ledger_entry_id === null ? null : Number(c.ledger_entry_id),
      actor: actor(c),
      created_at: c.created_at,
    })),
    changes: changes.map((c) => ({
      action: c.action,
      from_status: c.from_status,
      to_status: c.to_status,
      issued_amount: c.issued_amount,
      reason: c.reason,
      actor: actor(c),
      created_at: c.created_at,
    })),
  };
}
