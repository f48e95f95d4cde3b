import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { reportSourcing } from '../../../core/reports/engine/choose-report-source.ts';
import {
  ReportQuerySchema,
  type ReportResult,
  type ReportRow,
} from '../../../core/reports/engine/report-query.ts';
import { runReport } from '../../../core/reports/engine/run-report.ts';
import { operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import { withErrors } from '../../schemas/common.ts';
import { managerScope } from './manager-scope.ts';

const Value = Type.Union([Type.Integer(), Type.String(), Type.Null()]);
const Row = Type.Record(Type.String(), Value, {
  description:
    "A row by column key: dimensions (periods as the ISO timestamp of their start, ids with `<dimension>_name` beside them), `currency`, then the metrics: counts and money as integers (money in minor units of the row's currency), ratios as decimal strings, null where a ratio has no denominator",
});

export const ReportResultSchema = Type.Object({
  columns: Type.Array(
    Type.Object({
      key: Type.String(),
      kind: Type.String({ description: 'dimension, currency, count, money or ratio' }),
      label: Type.String(),
    }),
    { description: 'The columns in order: dimensions, currency, the chosen metrics' },
  ),
  rows: Type.Array(Row),
  totals: Type.Array(Row, {
    description:
      'Summed over every row (not only this page): one per currency without conversion (currency null for the counts of groups in several currencies), one when converted',
  }),
  page: Type.Integer(),
  page_size: Type.Integer(),
  total_rows: Type.Integer(),
  currency_mode: Type.Union([Type.Literal('native'), Type.Literal('converted')]),
  source: Type.Optional(
    Type.Union([Type.Literal('postgres'), Type.Literal('clickhouse')], {
      description:
        'Which store answered: PostgreSQL, or ClickHouse when configured (ANALYTICS_URL, REPORTS_SOURCE) and it answers this report exactly',
    }),
  ),
  conversion: Type.Optional(
    Type.Object({
      currency: Type.String(),
      rate_date: Type.String(),
      rates: Type.Array(
        Type.Object({
          from: Type.String(),
          to: Type.String(),
          rate: Type.String({ description: '1 from = rate to' }),
        }),
      ),
    }),
  ),
});

export const REPORT_HELP = `Metrics over clicks, impressions, events and commissions, grouped by any
combination of periods (hour, day, week starting Monday, month, quarter, year, in \`timezone\`),
brand, campaign, promo, affiliate, commission plan, country, device, traffic source, landing and
sub1 to sub5, over [from, to). Figures come from rollups kept in the same transaction as the
clicks, events and commissions they sum, so a late event is in the next report; sub-ids and
coupon codes are read from the raw rows. Event figures have no plan (group by plan splits
commissions only), impressions have no country or device, and events take the promo's landing.

Without \`currency\`, money stays in its own currency and a group has one row per currency (its
clicks and registrations join the row of its one currency); with \`currency\`, every amount is
converted at the exchange rates of \`rate_date\` (the latest rate on or before it), rounded half
to even once per group and currency, and the rates used come back in \`conversion\`; a currency
without a rate is a 422 naming it. GGR is bets less wins, NGR GGR less bonuses, net deposits
deposits less withdrawals and chargebacks; commissions count unless rejected, at the time earned.`;

export function reportBody(result: ReportResult) {
  // Money and counts are bigint in core; JSON has no bigint, and minor units stay far below 2^53.
  const plain = (row: ReportRow) => {
    const out: Record<string, number | string | null> = {};
    for (const [k, v] of Object.entries(row)) out[k] = typeof v === 'bigint' ? Number(v) : v;
    return out;
  };
  return { ...result, rows: result.rows.map(plain), totals: result.totals.map(plain) };
}

export const reportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/reports/performance',
    {
      preValidation: requireOperator('read'),
      schema: {
        tags: ['reports'],
        security: operatorSecurity,
        summary: 'Run a performance report',
        description: `${REPORT_HELP}

Read scope (every staff role may read reports); a limited account manager sees only their
affiliates' rows.`,
        body: ReportQuerySchema,
        querystring: Type.Object(
          {
            source: Type.Optional(
              Type.Union([Type.Literal('postgres'), Type.Literal('clickhouse')], {
                description:
                  'postgres reads PostgreSQL even when ClickHouse is configured; clickhouse reads it even while the copy lags (plans it cannot answer still go to PostgreSQL). Without it REPORTS_SOURCE decides; with REPORTS_SOURCE=postgres every report reads PostgreSQL.',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: ReportResultSchema }, 401, 403, 422),
      },
    },
    async (request) =>
      reportBody(
        await runReport({
          db: app.deps.database.db,
          scope: managerScope(request),
          query: request.body,
          ...reportSourcing(app.deps),
          ...(request.query.source ? { requestedSource: request.query.source } : {}),
        }),
      ),
  );
};
