import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { reportSourcing } from '../../../core/reports/engine/choose-report-source.ts';
import { ReportQuerySchema } from '../../../core/reports/engine/report-query.ts';
import { runReport } from '../../../core/reports/engine/run-report.ts';
import { reportAttributes } from '../../../core/reports/exports/report-attributes.ts';
import { partnerSecurity, requirePartner } from '../../plugins/partner-auth.ts';
import { withErrors } from '../../schemas/common.ts';
import { REPORT_HELP, ReportResultSchema, reportBody } from '../operator/reports.ts';

const Column = Type.Object({
  name: Type.String({ description: 'The metric, as `columns` of a report names it' }),
  title: Type.String(),
  kind: Type.String({ description: 'count, money (minor units, with the currency beside) or ratio' }),
  description: Type.String(),
});

export const partnerReportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/reports/columns',
    {
      preValidation: requirePartner(),
      schema: {
        tags: ['portal: reports'],
        security: partnerSecurity,
        summary: 'The measurements my reports may show, in order',
        description:
          'Every metric the operator lets this affiliate see (extra permissions decide the rest); a report asking for another is a 422 naming it.',
        response: withErrors({ 200: Type.Object({ data: Type.Array(Column) }) }, 401, 403),
      },
    },
    async (request) => ({
      data: await reportAttributes({ db: app.deps.database.db, affiliateId: request.partner!.affiliate.id }),
    }),
  );

  app.post(
    '/reports/performance',
    {
      preValidation: requirePartner(),
      schema: {
        tags: ['portal: reports'],
        security: partnerSecurity,
        summary: 'Run a performance report of my traffic and earnings',
        description: `${REPORT_HELP}

Only your own rows. Measurements the operator has not opened to you (extra permissions) are left
out of the default columns, and asking for one is a 422 naming it.`,
        body: ReportQuerySchema,
        response: withErrors({ 200: ReportResultSchema }, 401, 403, 422),
      },
    },
    async (request) =>
      reportBody(
        await runReport({
          db: app.deps.database.db,
          scope: { affiliateId: request.partner!.affiliate.id },
          query: request.body,
          ...reportSourcing(app.deps),
        }),
      ),
  );
};
