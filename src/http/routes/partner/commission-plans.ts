import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { listPartnerPlans } from '../../../core/commissions/plans/list-partner-plans.ts';
import { partnerSecurity, requirePartner } from '../../plugins/partner-auth.ts';
import { PartnerPlanCard } from '../../schemas/commission-plans.ts';
import { withErrors } from '../../schemas/common.ts';

export const partnerCommissionPlanRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/commission-plans',
    {
      preValidation: requirePartner(),
      schema: {
        tags: ['portal: commission plans'],
        security: partnerSecurity,
        summary: 'My commission plans, as cards',
        description:
          "The plans that apply to you now (your own, your campaigns', the brand defaults), the public plans of the brands and the private ones opened to you, each with its version in force and what it pays in plain numbers.",
        response: withErrors({ 200: Type.Object({ data: Type.Array(PartnerPlanCard) }) }, 401, 403),
      },
    },
    async (request) => ({
      data: await listPartnerPlans({ db: app.deps.database.db, affiliateId: request.partner!.affiliate.id }),
    }),
  );
};
