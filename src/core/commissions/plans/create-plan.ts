import { isUniqueViolation } from '../../../db/errors.ts';
import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { Actor } from '../../actor.ts';
import type { Scope } from '../../catalog/types.ts';
import { AppError, type FieldError } from '../../errors.ts';
import { normalizeCode } from '../../reference/codes.ts';
import type { CommissionPlan } from './plan.ts';
import { checkPlanDefinition, dealTypeId, type PlanDefinition } from './plan-definition.ts';
import {
  assertMayChangePlans,
  assertNameFree,
  countryCodes,
  findPlan,
  insertVersion,
  nameTaken,
  privateAffiliateProblems,
  recordPlanChange,
  replacePrivateAffiliates,
} from './plan-rows.ts';

export interface CreatePlanInput {
  name: string;
  brand_id: number;
  currency: string;
  description?: string | null;
  is_private?: boolean;
  private_affiliate_ids?: number[];
  /** The first version. */
  definition: unknown;
  effective_from?: Date;
  customer_binding?: 'keep' | 'latest';
  note?: string | null;
}

/**
 * A plan of one brand in one currency, with its first version (in force from `effective_from`,
 * now by default). Every problem of the fields and of the definition comes in one 422.
 */
export async function createPlan(options: {
  db: Db;
  actor: Actor;
  input: CreatePlanInput;
  scope?: Scope;
}): Promise<CommissionPlan> {
  const { db, actor, input } = options;
  const scope = options.scope ?? {};
  assertMayChangePlans(scope);
  const name = input.name.trim();
  const currency = normalizeCode(input.currency);
  const problems: FieldError[] = [];
  if (!name) problems.push({ path: 'name', message: 'is required' });
  const [brand, known, countries, affiliateProblems] = await Promise.all([
    db.selectFrom('brands').select('id').where('id', '=', input.brand_id).executeTakeFirst(),
    db.selectFrom('currencies').select('code').where('code', '=', currency).executeTakeFirst(),
    countryCodes(db),
    privateAffiliateProblems(db, input.private_affiliate_ids),
  ]);
  if (!brand) problems.push({ path: 'brand_id', message: `brand ${input.brand_id} does not exist` });
  if (!known) problems.push({ path: 'currency', message: 'must be a currency code we know, e.g. EUR' });
  problems.push(...affiliateProblems, ...checkPlanDefinition(input.definition, countries));
  if (problems.length) throw AppError.validation(problems);
  const definition = input.definition as PlanDefinition;
  try {
    return await inTransaction(db, async (trx) => {
      await assertNameFree(trx, input.brand_id, name);
      const row = await trx
        .insertInto('commission_plans')
        .values({
          name,
          brand_id: input.brand_id,
          currency,
          description: input.description?.trim() || null,
          is_private: input.is_private ?? false,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await replacePrivateAffiliates(trx, row.id, input.private_affiliate_ids ?? []);
      await insertVersion(trx, {
        planId: row.id,
        version: 1,
        definition,
        dealTypeId: dealTypeId(definition),
        effectiveFrom: input.effective_from ?? new Date(),
        customerBinding: input.customer_binding ?? 'keep',
        note: input.note?.trim() || null,
        actor,
      });
      await recordPlanChange(trx, { id: row.id, action: 'created', actor, fields: input });
      return findPlan(trx, row.id, scope);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw nameTaken(name);
    throw error;
  }
}
