import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { finalizeRevshare } from '../../../core/commissions/revshare/finalize-revshare.ts';
import { listRevshareAccruals } from '../../../core/commissions/revshare/list-revshare-accruals.ts';
import { actorOf } from '../../actor.ts';
import { operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import { ListOf, listPage, Nullable, PageQuery, pageOf, withErrors } from '../../schemas/common.ts';
import { manager } from './events-read.ts';

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const Day = (description: string) => Type.String({ maxLength: 10, description });

const HELP = `RevShare accrues per customer and day from the events and activity lines (a late event
works out again only the days it touches) and is finalized per period, per affiliate, plan version
and currency. GGR is bets minus wins; NGR is GGR less the plan's deductions in their order (the
admin fee a percentage of GGR, payment fees of deposits and of withdrawals); net P/L is GGR less
bonuses, jackpot contributions, taxes, fees, chargebacks and adjustments; net deposits are deposits
(less refunded ones) less withdrawals and chargebacks. Every step is exact; the commission is
rounded once, half to even, to the minor unit. A negative result carries to the next period when
the plan says so and the affiliate has no \`no_negative_carry_over\`, at most \`carry_over_cap\`.
Customers held by a fraud rule are left out until released.`;

const Band = Type.Object({
  from: Type.Integer(),
  to: Nullable(Type.Integer()),
  rate: Type.String(),
  part: Type.String({ description: 'The part of the basis in this band (exact)' }),
  commission: Type.String({ description: 'Its commission, exact, before the one rounding' }),
});

const Accrual = Type.Object({
  affiliate_id: Type.Integer(),
  brand_id: Type.Integer(),
  plan: Type.Object({ id: Type.Integer(), name: Type.String() }),
  version: Type.Object({ id: Type.Integer(), version: Type.Integer() }),
  currency: Type.String(),
  period_start: Type.String(),
  period_end: Type.String(),
  customers: Type.Integer(),
  held_customers: Type.Integer({ description: 'Held by a fraud rule: not counted' }),
  figures: Type.Record(Type.String(), Type.Integer(), {
    description:
      'bets, wins, bonuses, jackpot_contributions, taxes, fees, chargebacks, adjustments, deposits, withdrawals (minor units)',
  }),
  ggr: Type.Integer(),
  net_pl: Type.Integer(),
  net_deposits: Type.Integer(),
  basis: Type.Union([Type.Literal('ngr'), Type.Literal('net_pl'), Type.Literal('net_deposits')]),
  basis_amount: Type.String({ description: 'Exact: a percentage fee may leave fractions of a minor unit' }),
  rate: Nullable(Type.String({ description: 'The rate reached; null for a ladder (see bands)' })),
  bands: Type.Array(Band),
  commission: Type.Integer({ description: 'The period on its own, rounded' }),
  carry_in: Type.Integer(),
  carry_out: Type.Integer(),
  amount: Type.Integer({ description: 'What finalizing now would pay' }),
  explanation: Type.String(),
});

const FinalizeBody = Type.Object(
  {
    period_start: Day('The first day of the period, e.g. 2026-11-01'),
    period_end: Day('The last day of the period (before today), e.g. 2026-11-30'),
    brand_id: Type.Optional(Id),
    affiliate_ids: Type.Optional(Type.Array(Id, { maxItems: 1000, uniqueItems: true })),
  },
  { additionalProperties: false },
);

const FinalizeResult = Type.Object({
  period_start: Type.String(),
  period_end: Type.String(),
  accruals_refreshed: Type.Integer({ description: '(customer, day) accruals worked out again first' }),
  streams: Type.Integer({ description: 'Results per affiliate, plan version and currency' }),
  written: Type.Integer({ description: 'Commissions written for the first time' }),
  adjustments: Type.Integer({ description: 'Adjustment rows for results that changed since' }),
  unchanged: Type.Integer({ description: 'Results equal to what was already written' }),
  later_periods: Type.Array(Type.Object({ period_start: Type.String(), period_end: Type.String() }), {
    description:
      'Later periods already finalized in the scope, worked out again (their carry-in is this period’s carry-out); what changed there is in `written` and `adjustments`',
  }),
});

export const revshareRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const tags = ['commissions'];

  app.post(
    '/commissions/revshare/finalize',
    {
      preValidation: requireOperator('finance'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: "Finalize a period's RevShare and sub-affiliate cuts",
        description: `${HELP}

Runs synchronously, in one transaction (10,000 affiliates take seconds): writes one \`revshare\`
commission per affiliate, plan version and currency with its trace and sentence, then the
referrers' \`sub_revshare\` (a percentage of the sub's RevShare) and \`sub_net_pl\` (of its net
P/L) cuts, one or two levels. Finalized commissions are approved. Idempotent: finalizing the same
period again writes nothing unless a result changed (a late event, a released customer), and then
one adjustment row for the difference, never an edit. A period overlapping another already
finalized for an affiliate is a 409. Finance scope.`,
        body: FinalizeBody,
        response: withErrors({ 200: FinalizeResult }, 401, 403, 404, 409, 422),
      },
    },
    async (request) =>
      finalizeRevshare({
        db: db(),
        actor: actorOf(request),
        period: { start: request.body.period_start, end: request.body.period_end },
        brandId: request.body.brand_id,
        affiliateIds: request.body.affiliate_ids,
      }),
  );

  app.get(
    '/commissions/revshare/accruals',
    {
      preValidation: requireOperator('read'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: "Preview the period's RevShare per affiliate, plan version and currency",
        description: `${HELP}

What finalizing the period now would pay, nothing written but the accruals brought up to date.
The period defaults to the current month up to today. A limited account manager sees only their
affiliates.`,
        querystring: Type.Object(
          {
            period_start: Type.Optional(Day('Default: the first of this month')),
            period_end: Type.Optional(Day('Default: today')),
            brand_id: Type.Optional(Id),
            affiliate_id: Type.Optional(Id),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: ListOf(Accrual) }, 401, 403, 404, 422),
      },
    },
    async (request) => {
      const q = request.query;
      const page = pageOf(q);
      const result = await listRevshareAccruals({
        db: db(),
        period: { start: q.period_start, end: q.period_end },
        brandId: q.brand_id,
        affiliateId: q.affiliate_id,
        managerId: manager(request),
        limit: page.limit,
        offset: page.offset,
      });
      return listPage(page, result);
    },
  );
};
