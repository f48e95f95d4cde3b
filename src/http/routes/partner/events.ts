import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { AppError } from '../../../core/errors.ts';
import { findAffiliateUser } from '../../../core/identity/affiliate-user.ts';
import { listAffiliateEvents } from '../../../core/identity/event-log/list-affiliate-events.ts';
import { partnerSecurity, requirePartner } from '../../plugins/partner-auth.ts';
import { EventsPage, EventsQuery, EventView } from '../../schemas/affiliate-events.ts';
import { IdParams, withErrors } from '../../schemas/common.ts';

export const partnerEventRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const tags = ['partner: events log'];

  app.get(
    '/events',
    {
      preValidation: requirePartner(),
      schema: {
        tags,
        security: partnerSecurity,
        summary: "Your affiliate account's events log, newest first",
        querystring: EventsQuery,
        response: withErrors({ 200: EventsPage }, 401, 403, 404, 422),
      },
    },
    async (request) => {
      const affiliateId = request.partner!.affiliate.id;
      const { type, user_id, before_id, limit } = request.query;
      // A user of another affiliate is not found, rather than quietly filtering to nothing.
      if (user_id !== undefined) await findAffiliateUser(db(), affiliateId, user_id);
      return listAffiliateEvents(db(), affiliateId, {
        types: type,
        userId: user_id,
        beforeId: before_id,
        limit,
      });
    },
  );

  app.get(
    '/events/:id',
    {
      preValidation: requirePartner(),
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'One event, with its details',
        params: IdParams,
        response: withErrors({ 200: EventView }, 401, 403, 404),
      },
    },
    async (request) => {
      const page = await listAffiliateEvents(db(), request.partner!.affiliate.id, {
        beforeId: request.params.id + 1,
        limit: 1,
      });
      const event = page.data[0];
      if (!event || event.id !== request.params.id) throw AppError.notFound(`event ${request.params.id}`);
      return event;
    },
  );
};
