import type { Db } from '../../../db/index.ts';
import type { Actor } from '../../actor.ts';
import type { Scope } from '../../catalog/types.ts';
import type { CommissionPlan } from './plan.ts';
import { setPlanStatus } from './set-plan-status.ts';

/** Makes an archived plan active again: it can be chosen and assigned once more. */
export function unarchivePlan(options: {
  db: Db;
  actor: Actor;
  id: number;
  scope?: Scope;
}): Promise<CommissionPlan> {
  return setPlanStatus({ ...options, status: 'active' });
}
