import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { assertAffiliateExists } from '../../../core/affiliates/list-affiliate-users.ts';
import { listSubAffiliates } from '../../../core/reports/sub-affiliates/list-sub-affiliates.ts';
import { operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import { IdParams, listPage, pageOf, withErrors } from '../../schemas/common.ts';
import { SUB_AFFILIATES_HELP, SubAffiliatePage, SubAffiliateQuery } from '../../schemas/sub-affiliates.ts';

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
};
