// @internal: only core/commissions imports this file.
import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { Actor } from '../../actor.ts';
import type { Scope } from '../../catalog/types.ts';
import type { CommissionPlan } from './plan.ts';
import { assertMayChangePlans, findPlan, findPlanRow, recordPlanChange } from './plan-rows.ts';

/** Archives or brings back a plan, audited; the same status again changes nothing. */
export async function setPlanStatus(options: {
  db: Db;
  actor: Actor;
  id: number;
  status: 'active' | 'archived';
  scope?: Scope;
}): Promise<CommissionPlan> {
  const scope = options.scope ?? {};
  assertMayChangePlans(scope);
  return inTransaction(options.db, async (trx) => {
    const current = await findPlanRow(trx, options.id, true);
    if (current.status !== options.status) {
      await trx
        .updateTable('commission_plans')
        .set({ status: options.status, updated_at: new Date() })
        .where('id', '=', options.id)
        .execute();
      await recordPlanChange(trx, {
        id: options.id,
        action: options.status === 'archived' ? 'archived' : 'unarchived',
        actor: options.actor,
        fields: { status: options.status },
      });
    }
    return findPlan(trx, options.id, scope);
  });
}
