import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { backtestPlan } from '../../../core/commissions/backtest/backtest-plan.ts';
import { operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import { Nullable } from '../../schemas/affiliates.ts';
import { PLAN_HELP } from '../../schemas/commission-plans.ts';
import { StringEnum, Timestamp, withErrors } from '../../schemas/common.ts';
import { managerScope } from './manager-scope.ts';

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const KINDS = ['cpl', 'cpa', 'sale_share', 'revshare'] as const;

const Total = Type.Object({
  currency: Type.String(),
  would_have_paid: Type.Integer({ description: 'Minor units: what the tested plan would have paid' }),
  actually_earned: Type.Integer({ description: 'Minor units: what the affiliate earned (not rejected)' }),
  difference: Type.Integer({ description: 'would_have_paid − actually_earned' }),
});

const BacktestBody = Type.Object(
  {
    plan_id: Id,
    version: Type.Optional(Id),
    definition: Type.Optional(
      Type.Unsafe<Record<string, unknown>>({
        type: 'object',
        additionalProperties: true,
        description: 'An unpublished draft of the plan (the components, as for publishing a version)',
      }),
    ),
    period_start: Type.String({ maxLength: 10, description: 'First day (UTC), e.g. 2026-10-01' }),
    period_end: Type.String({ maxLength: 10, description: 'Last day (UTC), inclusive, e.g. 2026-10-31' }),
    affiliate_ids: Type.Optional(Type.Array(Id, { maxItems: 10_000 })),
    include_traces: Type.Optional(Type.Boolean({ description: 'Each would-be commission with its trace' })),
  },
  { additionalProperties: false },
);

const BacktestResponse = Type.Object({
  plan: Type.Object({
    id: Type.Integer(),
    name: Type.String(),
    brand_id: Type.Integer(),
    currency: Type.String(),
  }),
  version: Nullable(Type.Integer({ description: 'The version tested; null for a draft' })),
  draft: Type.Boolean(),
  period_start: Type.String(),
  period_end: Type.String(),
  affiliates: Type.Array(
    Type.Object({
      affiliate_id: Type.Integer(),
      name: Type.String(),
      totals: Type.Array(Total, { description: 'Per currency' }),
      by_kind: Type.Array(Type.Object({ kind: StringEnum(KINDS), ...Total.properties })),
      commissions: Type.Optional(
        Type.Array(
          Type.Object({
            kind: Type.String(),
            currency: Type.String(),
            amount: Type.Integer(),
            customer_ref: Nullable(Type.Integer()),
            event_ref: Nullable(Type.Integer()),
            earned_at: Timestamp,
            explanation: Type.String(),
            trace: Type.Record(Type.String(), Type.Unknown()),
          }),
        ),
      ),
    }),
  ),
  totals: Type.Array(Total, { description: 'All the affiliates together, per currency' }),
});

export const commissionBacktestRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/commission-plans/backtest',
    {
      preValidation: requireOperator(['write', 'finance']),
      schema: {
        tags: ['commission plans'],
        security: operatorSecurity,
        summary: 'Backtest a plan version or a draft over a past period',
        description: `What a published version (\`version\`) or an unpublished draft of the plan (\`definition\`) would have paid the affiliates (\`affiliate_ids\`, or every affiliate with customers or commissions on the plan's brand) from \`period_start\` to \`period_end\` (UTC days, inclusive), beside what they actually earned on the brand, per currency and per kind, with each would-be commission's trace when \`include_traces\`. Nothing is written. Every customer of the affiliates on the brand is taken to be on the tested plan; the engine's own calculation runs over their events (CPL, CPA with its tiers counted from this run, sale share and its claw-backs) and the period's RevShare over the accruals (with the carry-over the plan brought from the last finalized period). Compared: CPL, CPA, sale share and RevShare not rejected, earned in the period; sub-affiliate cuts are left out. Scope write or finance (a backtest reads every affiliate's earnings); a limited account manager tests only their affiliates. ${PLAN_HELP}`,
        body: BacktestBody,
        response: withErrors({ 200: BacktestResponse }, 401, 403, 422),
      },
    },
    async (request) =>
      backtestPlan({ db: app.deps.database.db, input: request.body, scope: managerScope(request) }),
  );
};
