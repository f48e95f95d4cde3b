import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { attributeCustomer } from '../../../core/events/customers/attribute-customer.ts';
import { getCustomer } from '../../../core/events/customers/get-customer.ts';
import { listCustomers } from '../../../core/events/customers/list-customers.ts';
import { actorOf } from '../../actor.ts';
import { operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import { listPage, PageQuery, pageOf, withErrors } from '../../schemas/common.ts';
import { Customer, CustomerDetail, ListPaging } from '../../schemas/events.ts';
import { manager } from './events-read.ts';

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const CustomerParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) });

export const customerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const tags = ['customers'];

  app.get(
    '/customers',
    {
      preValidation: requireOperator('read'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'List customers (players), newest first, with filters and search',
        querystring: Type.Object(
          {
            brand_id: Type.Optional(Id),
            affiliate_id: Type.Optional(Id),
            campaign_id: Type.Optional(Id),
            promo_id: Type.Optional(Id),
            attributed: Type.Optional(Type.Boolean({ description: 'false: the unattributed queue' })),
            held: Type.Optional(Type.Boolean()),
            flagged: Type.Optional(Type.Boolean()),
            has_ftd: Type.Optional(Type.Boolean()),
            country: Type.Optional(Type.String({ minLength: 2, maxLength: 2 })),
            q: Type.Optional(
              Type.String({ maxLength: 200, description: "The operator's id, or its beginning" }),
            ),
            registered_from: Type.Optional(Type.String({ format: 'date-time' })),
            registered_to: Type.Optional(Type.String({ format: 'date-time' })),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: withErrors(
          { 200: Type.Object({ data: Type.Array(Customer), paging: ListPaging }) },
          401,
          403,
          422,
        ),
      },
    },
    async (request) => {
      const q = request.query;
      const page = pageOf(q);
      const result = await listCustomers({
        db: db(),
        filter: {
          ...q,
          registered_from: q.registered_from ? new Date(q.registered_from) : undefined,
          registered_to: q.registered_to ? new Date(q.registered_to) : undefined,
        },
        limit: page.limit,
        offset: page.offset,
        managerId: manager(request),
      });
      return listPage(page, result) as never;
    },
  );

  app.get(
    '/customers/:id',
    {
      preValidation: requireOperator('read'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Get a customer with its timeline: click, events, attribution decisions, fraud flags',
        params: CustomerParams,
        response: withErrors({ 200: CustomerDetail }, 401, 403, 404),
      },
    },
    async (request) => getCustomer({ db: db(), id: request.params.id, managerId: manager(request) }) as never,
  );

  app.post(
    '/customers/:id/attribution',
    {
      preValidation: requireOperator('write'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Attribute or re-attribute a customer (audited)',
        description:
          'An unattributed customer is attributed, with its unattributed events. An attributed one moves to the new affiliate from now on; earlier events stay where they were. The decision, who made it and why are kept in the timeline and in both affiliates’ events logs.',
        params: CustomerParams,
        body: Type.Object(
          {
            affiliate_id: Id,
            campaign_id: Type.Optional(Type.Union([Id, Type.Null()])),
            promo_id: Type.Optional(Type.Union([Id, Type.Null()])),
            reason: Type.String({ maxLength: 500, description: 'Shown in the history' }),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: CustomerDetail }, 401, 403, 404, 409, 422),
      },
    },
    async (request) =>
      attributeCustomer({
        db: db(),
        actor: actorOf(request),
        customerId: request.params.id,
        input: request.body,
        managerId: manager(request),
      }) as never,
  );
};
