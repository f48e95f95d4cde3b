import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { listSubAffiliates } from '../../../core/reports/sub-affiliates/list-sub-affiliates.ts';
import { SubAffiliateReportQuerySchema } from '../../../core/reports/sub-affiliates/sub-affiliate-report.ts';
import { partnerSecurity, requirePartner } from '../../plugins/partner-auth.ts';
import { listPage, pageOf, withErrors } from '../../schemas/common.ts';
import { EXPORT_HELP, EXPORT_RESPONSE, ExportQuery } from '../../schemas/report-exports.ts';
import {
  SUB_AFFILIATE_REPORT_HELP,
  SUB_AFFILIATES_HELP,
  SubAffiliatePage,
  SubAffiliateQuery,
} from '../../schemas/sub-affiliates.ts';
import { ReportResultSchema } from '../operator/reports.ts';
import { sendSubAffiliateExport, subAffiliateReportBody } from '../shared/sub-affiliate-report.ts';

const MINE = `Only your own sub-affiliates (the two levels you earn from). Measurements the operator has not
opened to you (extra permissions) are left out of the default columns, and asking for one is a 422
naming it; what you earned from them is the sub-affiliate commission measurement.`;

export const partnerSubAffiliateRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/sub-affiliates',
    {
      preValidation: requirePartner(),
      schema: {
        tags: ['portal: reports'],
        security: partnerSecurity,
        summary: 'My sub-affiliates, with what I earned from each',
        description: SUB_AFFILIATES_HELP,
        querystring: SubAffiliateQuery,
        response: withErrors({ 200: SubAffiliatePage }, 401, 403, 422),
      },
    },
    async (request) => {
      const page = pageOf(request.query);
      return listPage(
        page,
        await listSubAffiliates({
          db: app.deps.database.db,
          affiliateId: request.partner!.affiliate.id,
          limit: page.limit,
          offset: page.offset,
        }),
      ) as never;
    },
  );

  app.post(
    '/reports/sub-affiliates',
    {
      preValidation: requirePartner(),
      schema: {
        tags: ['portal: reports'],
        security: partnerSecurity,
        summary: "Run the report of my sub-affiliates' performance and what I earned from them",
        description: `${SUB_AFFILIATE_REPORT_HELP}\n\n${MINE}`,
        body: SubAffiliateReportQuerySchema,
        response: withErrors({ 200: ReportResultSchema }, 401, 403, 422),
      },
    },
    async (request) =>
      subAffiliateReportBody({
        db: app.deps.database.db,
        affiliateId: request.partner!.affiliate.id,
        asPartner: true,
        query: request.body,
      }),
  );

  app.post(
    '/reports/sub-affiliates/export',
    {
      preValidation: requirePartner(),
      schema: {
        tags: ['portal: reports'],
        security: partnerSecurity,
        summary: 'Export my sub-affiliate report as CSV, XLSX, JSON or XML',
        description: `${EXPORT_HELP}\n\n${MINE}`,
        querystring: ExportQuery,
        body: SubAffiliateReportQuerySchema,
        response: withErrors({ 200: EXPORT_RESPONSE }, 401, 403, 422),
      },
    },
    async (request, reply) =>
      sendSubAffiliateExport(
        reply,
        {
          db: app.deps.database.db,
          affiliateId: request.partner!.affiliate.id,
          asPartner: true,
          query: request.body,
        },
        request.query,
      ),
  );
};
