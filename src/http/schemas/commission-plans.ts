import { Type } from 'typebox';
import type { PlanDefinition } from '../../core/commissions/plans/plan-definition.ts';
import { Nullable } from './affiliates.ts';
import { ListPaging, StringEnum, Timestamp } from './common.ts';

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });

export const PLAN_HELP =
  'A commission plan belongs to one brand and pays in one currency. What it pays is its definition, made of optional components: `cpl` { amount, qualified_only }, `cpa` { amount, country_amounts, qualification { combine all|any, min_first_deposit, min_deposit_count, min_deposit_total, min_net_deposit, min_bets, min_bet_count, within_days, countries }, hold_days, tiers { mode whole_period|past_threshold, levels [{ from, amount }] } }, `revshare` { basis ngr|net_pl|net_deposits, rate, deductions (ordered: bonuses, jackpot_contributions, taxes, fees, chargebacks, adjustments, { admin_fee_percent }, { deposit_fee_percent }, { withdrawal_fee_percent }), tiers { mode tiered|ladder, by ngr|qualified_customers, bands [{ from, rate }] }, carry_over, carry_over_cap }, `sale_share` { percent | amount, duration first_sale|months|lifetime, months }, `sub_affiliate` { levels [{ cpa_fee, revshare_cut_percent, net_pl_cut_percent }] (one or two) }. Amounts are whole minor units of the plan\'s currency (3000 is 30.00), rates and percentages decimal strings ("25", "12.5", at most 100). The Smartico deal type (`deal_type_id`: CPL=1, CPA=2, RevShare_NetPL=4, RevShare_NetDeposit=8) is derived from the components. A plan is edited by publishing a new version: versions are immutable.';

export const PRECEDENCE_HELP =
  "Precedence: the campaign's plan, then the affiliate's own plan on the brand, then the brand's default. At each level the latest assignment whose effective date has come is in force; one with `plan_id` null has ended that level's plan and passes the decision on.";

const Definition = Type.Unsafe<PlanDefinition>({
  type: 'object',
  additionalProperties: true,
  description:
    'The components (see the route description); checked by the server, every problem named by its path',
});

const ActorOut = Type.Object({
  type: Type.String(),
  id: Nullable(Type.Integer()),
  name: Type.String(),
});

const VersionProps = {
  plan_id: Type.Integer(),
  version: Type.Integer(),
  effective_from: Timestamp,
  definition: Definition,
  deal_type_id: Type.Integer(),
  deal_type: Type.String({ description: 'e.g. "CPA + RevShare (Net P/L)"' }),
  customer_binding: StringEnum(['keep', 'latest'] as const),
  note: Nullable(Type.String()),
  actor: ActorOut,
  created_at: Timestamp,
};

export const PlanVersion = Type.Object(VersionProps);

const Change = Type.Object({ field: Type.String(), before: Type.Unknown(), after: Type.Unknown() });

export const PlanVersionWithChanges = Type.Object({
  ...VersionProps,
  changes: Type.Array(Change, {
    description: 'What differs from the version before, field by field (dotted paths)',
  }),
});

export const CommissionPlan = Type.Object({
  id: Type.Integer(),
  brand_id: Type.Integer(),
  currency: Type.String(),
  name: Type.String(),
  description: Nullable(Type.String()),
  is_private: Type.Boolean(),
  private_affiliate_ids: Type.Array(Type.Integer()),
  status: StringEnum(['active', 'archived'] as const),
  current_version: Nullable(PlanVersion),
  latest_version: Type.Integer(),
  deal_type_id: Type.Integer(),
  deal_type: Type.String(),
  created_at: Timestamp,
  updated_at: Timestamp,
});

export const CommissionPlanPage = Type.Object({
  data: Type.Array(CommissionPlan),
  paging: ListPaging,
});

const VersionFields = {
  definition: Definition,
  effective_from: Type.Optional(
    Type.String({ format: 'date-time', description: "Now by default; never before the latest version's" }),
  ),
  customer_binding: Type.Optional(
    StringEnum(['keep', 'latest'] as const, {
      description:
        'keep (default): a customer keeps the version in force when bound; latest: follows new versions',
    }),
  ),
  note: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
};

export const PublishVersionBody = Type.Object(VersionFields, { additionalProperties: false });

const PlanFields = {
  name: Type.String({ maxLength: 200 }),
  description: Type.Optional(Nullable(Type.String({ maxLength: 2000 }))),
  is_private: Type.Optional(
    Type.Boolean({ description: 'Visible and assignable only to private_affiliate_ids' }),
  ),
  private_affiliate_ids: Type.Optional(Type.Array(Id, { maxItems: 10_000 })),
};

export const CreatePlanBody = Type.Object(
  { ...PlanFields, brand_id: Id, currency: Type.String({ maxLength: 8 }), ...VersionFields },
  { additionalProperties: false },
);

export const PatchPlanBody = Type.Partial(Type.Object(PlanFields), { additionalProperties: false });

export const Assignment = Type.Object({
  id: Type.Integer(),
  target: StringEnum(['brand', 'affiliate', 'campaign'] as const),
  brand_id: Type.Integer(),
  affiliate_id: Nullable(Type.Integer()),
  campaign_id: Nullable(Type.Integer()),
  plan_id: Nullable(Type.Integer()),
  effective_from: Timestamp,
  reason: Nullable(Type.String()),
  actor: ActorOut,
  created_at: Timestamp,
});

const AssignFields = {
  plan_id: Nullable(Id),
  effective_from: Type.Optional(
    Type.String({ format: 'date-time', description: "Now by default; never before the latest assignment's" }),
  ),
  reason: Type.Optional(Nullable(Type.String({ maxLength: 1000 }))),
};

export const AssignBody = Type.Object(AssignFields, { additionalProperties: false });

export const AssignAffiliateBody = Type.Object(
  {
    ...AssignFields,
    brand_id: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 2_147_483_647,
        description: "The plan's brand (taken from the plan when left out); required with plan_id null",
      }),
    ),
  },
  { additionalProperties: false },
);

export const Resolution = Type.Object({
  source: Nullable(StringEnum(['campaign', 'affiliate', 'brand'] as const)),
  plan: Nullable(
    Type.Object({
      id: Type.Integer(),
      name: Type.String(),
      currency: Type.String(),
      status: StringEnum(['active', 'archived'] as const),
    }),
  ),
  version: Nullable(PlanVersion),
  assignment: Nullable(Assignment),
  checked: Type.Array(
    Type.Object({
      target: StringEnum(['campaign', 'affiliate', 'brand'] as const),
      assignment: Nullable(Assignment),
    }),
  ),
  explanation: Type.String(),
  at: Timestamp,
});

export const PartnerPlanCard = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  description: Nullable(Type.String()),
  brand: Type.Object({ id: Type.Integer(), name: Type.String() }),
  currency: Type.String(),
  version: Type.Integer(),
  effective_from: Timestamp,
  deal_type_id: Type.Integer(),
  deal_type: Type.String(),
  applies_as: Type.Array(StringEnum(['affiliate', 'campaign', 'brand'] as const), {
    description: 'How the plan applies to you now; empty: offered, not assigned',
  }),
  campaign_ids: Type.Array(Type.Integer()),
  components: Type.Array(
    Type.Object({
      component: StringEnum(['cpl', 'cpa', 'revshare', 'sale_share', 'sub_affiliate'] as const),
      title: Type.String(),
      lines: Type.Array(Type.String()),
    }),
  ),
});
