import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { FRAUD_RULE_HELP } from '../../../core/catalog/fraud-rules/fraud-rule.ts';
import { listFraudRules } from '../../../core/catalog/fraud-rules/list-fraud-rules.ts';
import { setFraudRule } from '../../../core/catalog/fraud-rules/set-fraud-rule.ts';
import { FRAUD_RULES } from '../../../core/events/fraud/check-fraud.ts';
import { actorOf } from '../../actor.ts';
import { operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import { IdParams, StringEnum, Timestamp, withErrors } from '../../schemas/common.ts';

const MODES = ['off', 'flag', 'hold'] as const;

const HELP = `Each rule of a brand is \`off\`, \`flag\` (the customer is marked with the rule's name and a fraud flag records what matched) or \`hold\` (marked, and the customer is held: its events from then on carry \`held\`, so their commissions wait for the operator). A rule never decides attribution and never drops an event; it applies to events recorded after the change, and a customer matches each rule once.

${FRAUD_RULES.map((r) => `- \`${r}\`: ${FRAUD_RULE_HELP[r]}`).join('\n')}`;

const FraudRule = Type.Object(
  {
    rule: StringEnum(FRAUD_RULES),
    mode: StringEnum(MODES),
    params: Type.Object({}, { additionalProperties: true, description: 'The settings, defaults filled in' }),
    description: Type.String(),
    updated_at: Type.Union([Timestamp, Type.Null()], { description: 'Null while never set (off)' }),
  },
  { $id: 'FraudRule' },
);

const Params = Type.Object(
  {
    seconds: Type.Optional(Type.Integer({ description: 'fast_registration: 1 to 3600 (default 10)' })),
    match: Type.Optional(
      Type.Array(Type.String({ maxLength: 20 }), {
        maxItems: 3,
        description: 'duplicate_customer: some of email_hash, ip, device_id (default all)',
      }),
    ),
    countries: Type.Optional(
      Type.Array(Type.String({ maxLength: 10 }), {
        maxItems: 300,
        description: 'country_not_allowed: the two-letter codes of the countries allowed',
      }),
    ),
  },
  { additionalProperties: false, description: 'Only the settings of the rule named in the path' },
);

export const fraudRuleRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const tags = ['fraud rules'];

  app.get(
    '/brands/:id/fraud-rules',
    {
      preValidation: requireOperator('read'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: "A brand's five fraud rules with their modes and settings",
        description: HELP,
        params: IdParams,
        response: withErrors({ 200: Type.Object({ data: Type.Array(FraudRule) }) }, 401, 403, 404),
      },
    },
    async (request) => ({ data: await listFraudRules({ db: db(), brandId: request.params.id }) }),
  );

  app.put(
    '/brands/:id/fraud-rules/:rule',
    {
      preValidation: requireOperator('write'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Set one fraud rule of a brand (audited)',
        description: `${HELP}\n\nThe body replaces the rule's mode and settings; settings left out take their defaults.`,
        params: Type.Object({ ...IdParams.properties, rule: StringEnum(FRAUD_RULES) }),
        body: Type.Object(
          { mode: StringEnum(MODES), params: Type.Optional(Params) },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: FraudRule }, 401, 403, 404, 422),
      },
    },
    async (request) =>
      setFraudRule({
        db: db(),
        actor: actorOf(request),
        brandId: request.params.id,
        rule: request.params.rule,
        input: request.body,
      }),
  );
};
