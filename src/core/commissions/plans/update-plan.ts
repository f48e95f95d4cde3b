import { isUniqueViolation } from '../../../db/errors.ts';
import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { Actor } from '../../actor.ts';
import type { Scope } from '../../catalog/types.ts';
import { AppError, type FieldError } from '../../errors.ts';
import type { CommissionPlan } from './plan.ts';
import {
  assertMayChangePlans,
  assertNameFree,
  findPlan,
  findPlanRow,
  nameTaken,
  privateAffiliateProblems,
  recordPlanChange,
  replacePrivateAffiliates,
} from './plan-rows.ts';

export interface UpdatePlanInput {
  name?: string;
  description?: string | null;
  is_private?: boolean;
  private_affiliate_ids?: number[];
}

/**
 * Changes what describes a plan; what it pays changes only by a new version. Closing a private
 * plan to an affiliate does not end an assignment made while it was open.
 */
export async function updatePlan(options: {
  db: Db;
  actor: Actor;
  id: number;
  input: UpdatePlanInput;
  scope?: Scope;
}): Promise<CommissionPlan> {
  const { actor, id, input } = options;
  const scope = options.scope ?? {};
  assertMayChangePlans(scope);
  const name = input.name?.trim();
  const problems: FieldError[] = [];
  if (input.name !== undefined && !name) problems.push({ path: 'name', message: 'is required' });
  problems.push(...(await privateAffiliateProblems(options.db, input.private_affiliate_ids)));
  try {
    return await inTransaction(options.db, async (trx) => {
      const current = await findPlanRow(trx, id, true);
      if (problems.length) throw AppError.validation(problems);
      if (name !== undefined && name.toLowerCase() !== current.name.toLowerCase())
        await assertNameFree(trx, current.brand_id, name, id);
      await trx
        .updateTable('commission_plans')
        .set({
          ...(name !== undefined ? { name } : {}),
          ...(input.description !== undefined ? { description: input.description?.trim() || null } : {}),
          ...(input.is_private !== undefined ? { is_private: input.is_private } : {}),
          updated_at: new Date(),
        })
        .where('id', '=', id)
        .execute();
      if (input.private_affiliate_ids !== undefined)
        await replacePrivateAffiliates(trx, id, input.private_affiliate_ids);
      await recordPlanChange(trx, { id, action: 'updated', actor, fields: input });
      return findPlan(trx, id, scope);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(name ?? '');
    throw error;
  }
}
