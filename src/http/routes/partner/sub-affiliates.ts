import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { listSubAffiliates } from '../../../core/reports/sub-affiliates/list-sub-affiliates.ts';
import { partnerSecurity, requirePartner } from '../../plugins/partner-auth.ts';
import { listPage, pageOf, withErrors } from '../../schemas/common.ts';
import { SUB_AFFILIATES_HELP, SubAffiliatePage, SubAffiliateQuery } from '../../schemas/sub-affiliates.ts';

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
};
