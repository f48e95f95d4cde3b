import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ReportQuerySchema } from '../../../core/reports/engine/report-query.ts';
import { runReport } from '../../../core/reports/engine/run-report.ts';
import { partnerSecurity, requirePartner } from '../../plugins/partner-auth.ts';
import { withErrors } from '../../schemas/common.ts';
import { REPORT_HELP, ReportResultSchema, reportBody } from '../operator/reports.ts';

export const partnerReportRoutes: FastifyPluginAsyncTypebox = async (app) => {
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
        }),
      ),
  );
};
