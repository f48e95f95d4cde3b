import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { getPartnerCustomer } from '../../../core/events/customers/get-partner-customer.ts';
import { listPartnerCustomers } from '../../../core/events/customers/list-partner-customers.ts';
import { partnerSecurity, requirePartner } from '../../plugins/partner-auth.ts';
import { listPage, PageQuery, pageOf, withErrors } from '../../schemas/common.ts';
import { PartnerCustomerDetail, PartnerCustomerPage } from '../../schemas/partner-customers.ts';

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const date = (v?: string) => (v === undefined ? undefined : new Date(v));

export const partnerCustomerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const tags = ['portal: customers'];

  app.get(
    '/customers',
    {
      preValidation: requirePartner(),
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'My customers (registrations and players), newest first',
        description:
          "Customers attributed to you. The operator's customer id is masked unless the brand shows it.",
        querystring: Type.Object(
          {
            brand_id: Type.Optional(Id),
            campaign_id: Type.Optional(Id),
            promo_id: Type.Optional(Id),
            has_ftd: Type.Optional(Type.Boolean({ description: 'true: customers who made a first deposit' })),
            registered_from: Type.Optional(Type.String({ format: 'date-time' })),
            registered_to: Type.Optional(Type.String({ format: 'date-time' })),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: PartnerCustomerPage }, 401, 403, 422),
      },
    },
    async (request) => {
      const q = request.query;
      const page = pageOf(q);
      const result = await listPartnerCustomers({
        db: db(),
        affiliateId: request.partner!.affiliate.id,
        filter: { ...q, registered_from: date(q.registered_from), registered_to: date(q.registered_to) },
        limit: page.limit,
        offset: page.offset,
      });
      return listPage(page, result) as never;
    },
  );

  app.get(
    '/customers/:id',
    {
      preValidation: requirePartner(),
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'One of my customers with its timeline',
        params: Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) }),
        response: withErrors({ 200: PartnerCustomerDetail }, 401, 403, 404),
      },
    },
    async (request) =>
      getPartnerCustomer({
        db: db(),
        affiliateId: request.partner!.affiliate.id,
        id: request.params.id,
      }) as never,
  );
};
