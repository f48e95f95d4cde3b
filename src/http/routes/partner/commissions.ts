import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { listPartnerCommissions } from '../../../core/commissions/earned/list-partner-commissions.ts';
import { partnerSecurity, requirePartner } from '../../plugins/partner-auth.ts';
import { PartnerCommissionPage, PartnerCommissionQuery } from '../../schemas/commissions.ts';
import { listPage, pageOf, withErrors } from '../../schemas/common.ts';

const date = (v?: string) => (v === undefined ? undefined : new Date(v));

export const partnerCommissionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/commissions',
    {
      preValidation: requirePartner(),
      schema: {
        tags: ['portal: commissions'],
        security: partnerSecurity,
        summary: 'My commissions, newest first, each explained',
        description:
          "What you earned, one line per thing earned (a claw-back is its own negative line), with its status and, as the operator chooses for the program, the sentence that explains it (the rule, the amounts and the tier) and the trace's inputs (your customers' events and amounts, the rule, tier and formula); `explanation` and `inputs` are null when not shown.",
        querystring: PartnerCommissionQuery,
        response: withErrors({ 200: PartnerCommissionPage }, 401, 403, 422),
      },
    },
    async (request) => {
      const { page: _, page_size: __, from, to, ...filter } = request.query;
      const page = pageOf(request.query);
      return listPage(
        page,
        await listPartnerCommissions({
          db: app.deps.database.db,
          affiliateId: request.partner!.affiliate.id,
          filter: { ...filter, from: date(from), to: date(to) },
          limit: page.limit,
          offset: page.offset,
        }),
      );
    },
  );
};
