import type { Db } from '../../../db/index.ts';
import { AppError } from '../../errors.ts';
import { FRAUD_RULES } from '../../events/fraud/check-fraud.ts';
import { FRAUD_RULE_HELP, type FraudRuleSetting } from './fraud-rule.ts';
import { effectiveParams } from './fraud-rule-params.ts';

/** All five rules of a brand, in a fixed order; a rule never set is off with its defaults. */
export async function listFraudRules(options: { db: Db; brandId: number }): Promise<FraudRuleSetting[]> {
  const { db, brandId } = options;
  const [brand, rows] = await Promise.all([
    db.selectFrom('brands').select('id').where('id', '=', brandId).executeTakeFirst(),
    db.selectFrom('fraud_rules').selectAll().where('brand_id', '=', brandId).execute(),
  ]);
  if (!brand) throw AppError.notFound(`brand ${brandId}`);
  return FRAUD_RULES.map((rule) => {
    const row = rows.find((r) => r.rule === rule);
    return {
      rule,
      mode: row?.mode ?? 'off',
      params: effectiveParams(rule, row?.params ?? {}),
      description: FRAUD_RULE_HELP[rule],
      updated_at: row?.updated_at ?? null,
    };
  });
}
