// @internal: only core/commissions imports this file.
import { type Selectable, sql } from 'kysely';
import type { Db } from '../../../db/index.ts';
import type { CommissionPlansTable, CommissionPlanVersionsTable } from '../../../db/tables/commissions.ts';
import type { Actor } from '../../actor.ts';
import { actorColumns } from '../../actor.ts';
import { managedAffiliateIds } from '../../auth/managed-affiliates.ts';
import type { Scope } from '../../catalog/types.ts';
import { AppError, type FieldError } from '../../errors.ts';
import { type CommissionPlan, dealTypeName, type PlanVersion } from './plan.ts';
import type { PlanDefinition } from './plan-definition.ts';

type VersionRow = Selectable<CommissionPlanVersionsTable>;

export function toVersion(row: VersionRow): PlanVersion {
  const definition = row.definition as PlanDefinition;
  return {
    plan_id: row.plan_id,
    version: row.version,
    effective_from: row.effective_from,
    definition,
    deal_type_id: row.deal_type_id,
    deal_type: dealTypeName(row.deal_type_id, definition),
    customer_binding: row.customer_binding,
    note: row.note,
    actor: { type: row.actor_type, id: row.actor_id, name: row.actor_name },
    created_at: row.created_at,
  };
}

/** Every version of the plans, oldest first. */
export async function versionsOf(db: Db, planIds: number[]): Promise<PlanVersion[]> {
  if (!planIds.length) return [];
  const rows = await db
    .selectFrom('commission_plan_versions')
    .selectAll()
    .where('plan_id', 'in', planIds)
    .orderBy('plan_id')
    .orderBy('version')
    .execute();
  return rows.map(toVersion);
}

/** The version in force at `at`: the highest whose effective date has come. */
export function versionAt(versions: PlanVersion[], at: Date): PlanVersion | null {
  let found: PlanVersion | null = null;
  for (const v of versions) if (v.effective_from <= at && (!found || v.version > found.version)) found = v;
  return found;
}

type PlanRow = Selectable<CommissionPlansTable>;

/** Plans with their private affiliates (a limited manager's part only) and versions. */
export async function withDetails(db: Db, rows: PlanRow[], scope: Scope): Promise<CommissionPlan[]> {
  const ids = rows.map((r) => r.id);
  const [versions, grants] = await Promise.all([
    versionsOf(db, ids),
    ids.length
      ? (() => {
          let q = db
            .selectFrom('commission_plan_affiliates')
            .select(['plan_id', 'affiliate_id'])
            .where('plan_id', 'in', ids);
          if (scope.managerId !== undefined)
            q = q.where('affiliate_id', 'in', managedAffiliateIds(db, scope.managerId));
          return q.orderBy('affiliate_id').execute();
        })()
      : [],
  ]);
  const now = new Date();
  return rows.map((row) => {
    const own = versions.filter((v) => v.plan_id === row.id);
    const current = versionAt(own, now);
    const shown = current ?? own[own.length - 1];
    return {
      ...row,
      private_affiliate_ids: grants.filter((g) => g.plan_id === row.id).map((g) => g.affiliate_id),
      current_version: current,
      latest_version: own[own.length - 1]?.version ?? 0,
      deal_type_id: shown?.deal_type_id ?? 0,
      deal_type: shown ? shown.deal_type : 'None',
    };
  });
}

export async function findPlanRow(db: Db, id: number, lock = false): Promise<PlanRow> {
  let query = db.selectFrom('commission_plans').selectAll().where('id', '=', id);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw AppError.notFound('commission plan');
  return row;
}

export async function findPlan(db: Db, id: number, scope: Scope): Promise<CommissionPlan> {
  const [plan] = await withDetails(db, [await findPlanRow(db, id)], scope);
  if (!plan) throw AppError.notFound('commission plan');
  return plan;
}

/** A limited account manager reads plans and assigns them to their affiliates, nothing more. */
export function assertMayChangePlans(scope: Scope): void {
  if (scope.managerId !== undefined)
    throw new AppError(
      'forbidden',
      'An account manager limited to their affiliates may read commission plans but not change them',
    );
}

export async function countryCodes(db: Db): Promise<Set<string>> {
  const rows = await db.selectFrom('countries').select('code').execute();
  return new Set(rows.map((r) => r.code));
}

/** Problems of the affiliates a private plan is opened to: each must exist. */
export async function privateAffiliateProblems(db: Db, ids: number[] | undefined): Promise<FieldError[]> {
  if (!ids?.length) return [];
  const found = await db.selectFrom('affiliates').select('id').where('id', 'in', ids).execute();
  const known = new Set(found.map((r) => r.id));
  return ids.flatMap((id, i) =>
    known.has(id) ? [] : [{ path: `private_affiliate_ids[${i}]`, message: `affiliate ${id} does not exist` }],
  );
}

export async function replacePrivateAffiliates(db: Db, planId: number, ids: number[]): Promise<void> {
  await db.deleteFrom('commission_plan_affiliates').where('plan_id', '=', planId).execute();
  const unique = [...new Set(ids)];
  if (unique.length)
    await db
      .insertInto('commission_plan_affiliates')
      .values(unique.map((affiliate_id) => ({ plan_id: planId, affiliate_id })))
      .execute();
}

/** Names are unique per brand whatever their case: a taken one is a 409 naming `name`. */
export async function assertNameFree(db: Db, brandId: number, name: string, exceptId?: number) {
  let query = db
    .selectFrom('commission_plans')
    .select('name')
    .where('brand_id', '=', brandId)
    .where(sql<string>`lower(name)`, '=', name.toLowerCase());
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
  if (await query.executeTakeFirst()) throw nameTaken(name);
}

export function nameTaken(name: string): AppError {
  const message = `is taken: the brand already has a commission plan named ${name}`;
  return new AppError('conflict', `name: ${message}`, { fields: [{ path: 'name', message }] });
}

/** The catalog audit of a plan change, in the transaction of the change. */
export async function recordPlanChange(
  db: Db,
  change: { id: number; action: string; actor: Actor; fields?: object },
): Promise<void> {
  await db
    .insertInto('catalog_changes')
    .values({
      entity: 'commission_plan',
      entity_id: change.id,
      action: change.action,
      ...actorColumns(change.actor),
      fields: JSON.stringify(Object.keys(change.fields ?? {}).sort()),
    })
    .execute();
}

/** Checks a definition against the plan's rules and publishes it as the plan's next version. */
export async function insertVersion(
  db: Db,
  options: {
    planId: number;
    version: number;
    definition: PlanDefinition;
    dealTypeId: number;
    effectiveFrom: Date;
    customerBinding: 'keep' | 'latest';
    note: string | null;
    actor: Actor;
  },
): Promise<void> {
  await db
    .insertInto('commission_plan_versions')
    .values({
      plan_id: options.planId,
      version: options.version,
      effective_from: options.effectiveFrom,
      definition: JSON.stringify(options.definition),
      deal_type_id: options.dealTypeId,
      customer_binding: options.customerBinding,
      note: options.note,
      ...actorColumns(options.actor),
    })
    .execute();
}
