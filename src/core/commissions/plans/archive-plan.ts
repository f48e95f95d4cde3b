import type { Db } from '../../../db/index.ts';
import type { Actor } from '../../actor.ts';
import type { Scope } from '../../catalog/types.ts';
import type { CommissionPlan } from './plan.ts';
import { setPlanStatus } from './set-plan-status.ts';

/**
 * An archived plan can no longer be chosen for a campaign or assigned; where it is assigned it
 * keeps applying until the assignment is ended or replaced.
 */
export function archivePlan(options: {
  db: Db;
  actor: Actor;
  id: number;
  scope?: Scope;
}): Promise<CommissionPlan> {
  return setPlanStatus({ ...options, status: 'archived' });
}
