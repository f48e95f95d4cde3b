import type { Db } from '../../../db/index.ts';
import type { Scope } from '../../catalog/types.ts';
import type { CommissionPlan } from './plan.ts';
import { findPlan } from './plan-rows.ts';

/** A plan with the version in force now and its deal type. */
export async function getPlan(options: { db: Db; id: number; scope?: Scope }): Promise<CommissionPlan> {
  return findPlan(options.db, options.id, options.scope ?? {});
}
