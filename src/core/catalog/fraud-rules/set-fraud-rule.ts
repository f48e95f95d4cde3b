import type { Db } from '../../../db/index.ts';
import type { FraudMode, FraudRuleName } from '../../../db/tables/events.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { Actor } from '../../actor.ts';
import { AppError } from '../../errors.ts';
import { recordCatalogChange } from '../catalog-changes.ts';
import { FRAUD_RULE_HELP, type FraudRuleSetting } from './fraud-rule.ts';
import { checkRuleParams } from './fraud-rule-params.ts';

export interface SetFraudRuleInput {
  mode: FraudMode;
  /** The rule's settings; those left out take their defaults. */
  params?: Record<string, unknown>;
}

/**
 * Sets one of a brand's fraud rules: off, flag (the customer is marked) or hold (marked, and its
 * commissions wait for the operator). It applies to events recorded from now on; customers
 * already flagged stay flagged.
 */
export async function setFraudRule(options: {
  db: Db;
  actor: Actor;
  brandId: number;
  rule: FraudRuleName;
  input: SetFraudRuleInput;
}): Promise<FraudRuleSetting> {
  const { actor, brandId, rule, input } = options;
  return inTransaction(options.db, async (trx) => {
    const brand = await trx.selectFrom('brands').select('id').where('id', '=', brandId).executeTakeFirst();
    if (!brand) throw AppError.notFound(`brand ${brandId}`);
    const { params, problems } = await checkRuleParams(trx, rule, input.mode, input.params ?? {});
    if (problems.length) throw AppError.validation(problems);
    const row = await trx
      .insertInto('fraud_rules')
      .values({ brand_id: brandId, rule, mode: input.mode, params: JSON.stringify(params) })
      .onConflict((oc) =>
        oc.columns(['brand_id', 'rule']).doUpdateSet({
          mode: input.mode,
          params: JSON.stringify(params),
          updated_at: new Date(),
        }),
      )
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordCatalogChange(trx, {
      entity: 'fraud_rule',
      id: brandId,
      action: 'updated',
      actor,
      fields: { [`${rule}.mode`]: true, ...(input.params ? { [`${rule}.params`]: true } : {}) },
    });
    return {
      rule,
      mode: row.mode,
      params: row.params,
      description: FRAUD_RULE_HELP[rule],
      updated_at: row.updated_at,
    };
  });
}
