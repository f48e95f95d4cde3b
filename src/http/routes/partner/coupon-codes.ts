import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { partnerSecurity, requirePartner } from '../../plugins/partner-auth.ts';
import { PageQuery, withErrors } from '../../schemas/common.ts';
import { COUPON_HELP, CouponCodePage, couponFilters } from '../../schemas/coupon-codes.ts';
import { couponPage } from '../operator/coupon-codes.ts';
import { scopeOf } from './campaigns.ts';

export const partnerCouponCodeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;

  app.get(
    '/coupon-codes',
    {
      preValidation: requirePartner(),
      schema: {
        tags: ['portal: coupon codes'],
        security: partnerSecurity,
        summary: 'My coupon codes, newest first',
        description: `${COUPON_HELP} The operator creates them; these are yours.`,
        querystring: Type.Object({ ...couponFilters, ...PageQuery }, { additionalProperties: false }),
        response: withErrors({ 200: CouponCodePage }, 401, 403, 422),
      },
    },
    async (request) => couponPage(db(), request.query, scopeOf(request)),
  );
};
