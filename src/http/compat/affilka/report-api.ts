// Affilka's partner report API: /api/customer/v1/partner/report and /report/attributes, with the
// user's statistic token in the Authorization header, translated to the native report engine.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../../core/errors.ts';
import { authenticateStatisticToken } from '../../../core/identity/statistic-token/authenticate-statistic-token.ts';
import { reportSourcing } from '../../../core/reports/engine/choose-report-source.ts';
import { runReport } from '../../../core/reports/engine/run-report.ts';
import { reportAttributes } from '../../../core/reports/exports/report-attributes.ts';
import { ReportResultSchema, reportBody } from '../../routes/operator/reports.ts';
import { StringEnum, withErrors } from '../../schemas/common.ts';
import { AFFILKA_GROUPS, AFFILKA_PERIODS, nativeQuery } from './report-query.ts';

const tags = ['Affilka compatibility: partner report API'];
const security = [{ statisticToken: [] }];
const list = (description: string) =>
  Type.Optional(Type.String({ maxLength: 4000, description: `${description}, comma-separated` }));
const ids = (what: string) => list(`Only these ${what} ids`);
const split = (v?: string) =>
  v === undefined
    ? undefined
    : v
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean);
const splitIds = (v?: string, path = '') => {
  const values = split(v);
  if (values?.some((x) => !/^\d{1,9}$/.test(x)))
    throw AppError.field(path, 'must be ids separated by commas');
  return values?.map(Number);
};

type Principal = NonNullable<Awaited<ReturnType<typeof authenticateStatisticToken>>>;
const principals = new WeakMap<FastifyRequest, Principal>();

/**
 * preValidation (before the query is looked at, so a caller without a token gets 401 whatever it
 * sends): the statistic token's user, `Authorization: <token>` or `Authorization: Bearer <token>`.
 */
function requireStatisticToken(db: () => Parameters<typeof authenticateStatisticToken>[0]) {
  return async (request: FastifyRequest) => {
    const raw = request.headers.authorization?.trim() ?? '';
    const token = raw.toLowerCase().startsWith('bearer ') ? raw.slice(7).trim() : raw;
    const principal = token ? await authenticateStatisticToken(db(), token) : null;
    if (!principal)
      throw new AppError('unauthenticated', 'send your statistic token in the Authorization header');
    principals.set(request, principal);
  };
}
const principalOf = (request: FastifyRequest) => principals.get(request)!;

const ReportParams = Type.Object(
  {
    from: Type.String({ maxLength: 10, description: 'First day, YYYY-MM-DD' }),
    to: Type.String({ maxLength: 10, description: 'Last day, included, YYYY-MM-DD' }),
    group_by: list(`Groupings in order: ${AFFILKA_GROUPS.join(', ')}`),
    period: Type.Optional(
      StringEnum(AFFILKA_PERIODS, { description: 'Granularity of group_by period; day by default' }),
    ),
    columns: list('Attributes in order (see /report/attributes); the default set without'),
    brand_id: ids('brand'),
    strategy_id: ids('commission strategy (plan)'),
    campaign_id: ids('campaign'),
    promo_id: ids('promo'),
    promo_code: list("Only these promo codes (the tracking link's code)"),
    currency: Type.Optional(
      Type.String({ maxLength: 3, description: 'Convert all currencies into this one' }),
    ),
    exchange_rates_date: Type.Optional(
      Type.String({
        maxLength: 10,
        description: 'Date of the exchange rates (YYYY-MM-DD); today by default',
      }),
    ),
    timezone: Type.Optional(
      Type.String({ maxLength: 64, description: 'IANA time zone of the days; UTC by default' }),
    ),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
    per_page: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 1000, description: 'Rows per page; 100 by default' }),
    ),
  },
  { additionalProperties: false },
);

const AUTH =
  "Authenticated by the affiliate user's statistic token (Profile) in the `Authorization` header, as is or after `Bearer `; an expired or regenerated token is 401. Only the affiliate's own rows and the attributes the operator lets it see.";

export const affilkaReportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const preValidation = requireStatisticToken(db);

  app.get(
    '/report',
    {
      preValidation,
      schema: {
        tags,
        security,
        summary: 'The partner report (Affilka)',
        description: `${AUTH}\n\nLists are comma-separated (\`group_by=period,campaign&columns=clicks,ngr\`). \`to\` is the last day included. The answer is the native performance report: \`rows\` and \`totals\` keyed by attribute, money in minor units of each row's currency (or of \`currency\` when converting, with the rates used in \`conversion\`).`,
        querystring: ReportParams,
        response: withErrors({ 200: ReportResultSchema }, 401, 422),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const q = request.query;
      const query = nativeQuery({
        ...q,
        group_by: split(q.group_by),
        columns: split(q.columns),
        brand_id: splitIds(q.brand_id, 'brand_id'),
        strategy_id: splitIds(q.strategy_id, 'strategy_id'),
        campaign_id: splitIds(q.campaign_id, 'campaign_id'),
        promo_id: splitIds(q.promo_id, 'promo_id'),
        promo_code: split(q.promo_code),
      });
      return reportBody(
        await runReport({
          db: db(),
          scope: { affiliateId: principal.affiliate.id },
          query,
          ...reportSourcing(app.deps),
        }),
      );
    },
  );

  app.get(
    '/report/attributes',
    {
      preValidation,
      schema: {
        tags,
        security,
        summary: 'The report attributes available to me (Affilka)',
        description: `${AUTH}\n\nThe attributes (columns) the report may be asked for, with the groupings and periods.`,
        response: withErrors(
          {
            200: Type.Object({
              attributes: Type.Array(
                Type.Object({
                  name: Type.String(),
                  title: Type.String(),
                  kind: Type.String(),
                  description: Type.String(),
                }),
              ),
              group_by: Type.Array(Type.String()),
              periods: Type.Array(Type.String()),
            }),
          },
          401,
        ),
      },
    },
    async (request) => {
      const principal = principalOf(request);
      return {
        attributes: await reportAttributes({ db: db(), affiliateId: principal.affiliate.id }),
        group_by: [...AFFILKA_GROUPS],
        periods: [...AFFILKA_PERIODS],
      };
    },
  );
};
