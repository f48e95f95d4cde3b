import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { Actor } from '../../actor.ts';
import type { Scope } from '../../catalog/types.ts';
import { AppError, type FieldError } from '../../errors.ts';
import type { PlanVersion } from './plan.ts';
import { checkPlanDefinition, dealTypeId, type PlanDefinition } from './plan-definition.ts';
import {
  assertMayChangePlans,
  countryCodes,
  findPlanRow,
  insertVersion,
  recordPlanChange,
  versionsOf,
} from './plan-rows.ts';

export interface PublishVersionInput {
  definition: unknown;
  /** Now by default; never before the latest version's. */
  effective_from?: Date;
  customer_binding?: 'keep' | 'latest';
  note?: string | null;
}

/**
 * Publishes the plan's next version. Versions are never changed (the database refuses it), so
 * what a commission used can always be read back; the plan row is locked so numbers do not race.
 */
export async function publishPlanVersion(options: {
  db: Db;
  actor: Actor;
  planId: number;
  input: PublishVersionInput;
  scope?: Scope;
}): Promise<PlanVersion> {
  const { actor, planId, input } = options;
  assertMayChangePlans(options.scope ?? {});
  const problems: FieldError[] = checkPlanDefinition(input.definition, await countryCodes(options.db));
  return inTransaction(options.db, async (trx) => {
    const plan = await findPlanRow(trx, planId, true);
    const versions = await versionsOf(trx, [planId]);
    const latest = versions[versions.length - 1];
    const effectiveFrom = input.effective_from ?? new Date();
    if (plan.status === 'archived')
      problems.unshift({ path: 'plan', message: 'is archived: bring it back before publishing a version' });
    if (latest && effectiveFrom < latest.effective_from)
      problems.push({
        path: 'effective_from',
        message: `must not be before version ${latest.version}'s (${latest.effective_from.toISOString()})`,
      });
    if (problems.length) throw AppError.validation(problems);
    const definition = input.definition as PlanDefinition;
    const version = (latest?.version ?? 0) + 1;
    await insertVersion(trx, {
      planId,
      version,
      definition,
      dealTypeId: dealTypeId(definition),
      effectiveFrom,
      customerBinding: input.customer_binding ?? latest?.customer_binding ?? 'keep',
      note: input.note?.trim() || null,
      actor,
    });
    await trx
      .updateTable('commission_plans')
      .set({ updated_at: new Date() })
      .where('id', '=', planId)
      .execute();
    await recordPlanChange(trx, { id: planId, action: `version ${version} published`, actor, fields: input });
    const published = (await versionsOf(trx, [planId])).find((v) => v.version === version);
    if (!published) throw new Error('the version just published is missing');
    return published;
  });
}
