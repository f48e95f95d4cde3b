import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { assertAffiliateExists } from '../../../core/affiliates/list-affiliate-users.ts';
import { assertManagesAffiliates } from '../../../core/auth/managed-affiliates.ts';
import { listSubAffiliates } from '../../../core/reports/sub-affiliates/list-sub-affiliates.ts';
import { SubAffiliateReportQuerySchema } from '../../../core/reports/sub-affiliates/sub-affiliate-report.ts';
import type { Db } from '../../../db/index.ts';
import { operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import { IdParams, listPage, pageOf, withErrors } from '../../schemas/common.ts';
import { EXPORT_HELP, EXPORT_RESPONSE, ExportQuery } from '../../schemas/report-exports.ts';
import {
  SUB_AFFILIATE_REPORT_HELP,
  SUB_AFFILIATES_HELP,
  SubAffiliatePage,
  SubAffiliateQuery,
} from '../../schemas/sub-affiliates.ts';
import { sendSubAffiliateExport, subAffiliateReportBody } from '../shared/sub-affiliate-report.ts';
import { managerScope } from './manager-scope.ts';
import { ReportResultSchema } from './reports.ts';

const ANY = `Read scope: the report of any affiliate's sub-affiliates (every measurement; the affiliate's own
extra permissions limit only what it sees in the portal). An unknown affiliate is a 404.`;

/** A limited manager reads only an affiliate they manage (another is a 404, as a missing one). */
async function operatorReader(db: Db, request: FastifyRequest, affiliateId: number) {
  await assertAffiliateExists(db, affiliateId);
  const { managerId } = managerScope(request);
  if (managerId !== undefined) await assertManagesAffiliates(db, managerId, [affiliateId]);
  return { db, affiliateId, asPartner: false, ...(managerId !== undefined ? { managerId } : {}) };
}

export const reportSubAffiliateRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/affiliates/:id/sub-affiliates',
    {
      preValidation: requireOperator('read'),
      schema: {
        tags: ['reports'],
        security: operatorSecurity,
        summary: "An affiliate's sub-affiliates, with what it earned from each",
        description: SUB_AFFILIATES_HELP,
        params: IdParams,
        querystring: SubAffiliateQuery,
        response: withErrors({ 200: SubAffiliatePage }, 401, 403, 404, 422),
      },
    },
    async (request) => {
      const db = app.deps.database.db;
      await assertAffiliateExists(db, request.params.id);
      const page = pageOf(request.query);
      return listPage(
        page,
        await listSubAffiliates({
          db,
          affiliateId: request.params.id,
          limit: page.limit,
          offset: page.offset,
        }),
      ) as never;
    },
  );

  app.post(
    '/affiliates/:id/reports/sub-affiliates',
    {
      preValidation: requireOperator('read'),
      schema: {
        tags: ['reports'],
        security: operatorSecurity,
        summary: "Run the report of an affiliate's sub-affiliates and what it earned from them",
        description: `${SUB_AFFILIATE_REPORT_HELP}\n\n${ANY}`,
        params: IdParams,
        body: SubAffiliateReportQuerySchema,
        response: withErrors({ 200: ReportResultSchema }, 401, 403, 404, 422),
      },
    },
    async (request) => {
      const db = app.deps.database.db;
      await assertAffiliateExists(db, request.params.id);
      return subAffiliateReportBody({
        db,
        affiliateId: request.params.id,
        asPartner: false,
        query: request.body,
      });
    },
  );

  app.post(
    '/affiliates/:id/reports/sub-affiliates/export',
    {
      preValidation: requireOperator('read'),
      schema: {
        tags: ['reports'],
        security: operatorSecurity,
        summary: "Export the report of an affiliate's sub-affiliates as CSV, XLSX, JSON or XML",
        description: `${EXPORT_HELP}\n\n${ANY}`,
        params: IdParams,
        querystring: ExportQuery,
        body: SubAffiliateReportQuerySchema,
        response: withErrors({ 200: EXPORT_RESPONSE }, 401, 403, 404, 422),
      },
    },
    async (request, reply) => {
      const db = app.deps.database.db;
      const reader = await operatorReader(db, request, request.params.id);
      return sendSubAffiliateExport(reply, { ...reader, query: request.body }, request.query);
    },
  );
};
