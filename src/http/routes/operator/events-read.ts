import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { EVENT_TYPES } from '../../../core/events/event-input.ts';
import { getEvent } from '../../../core/events/get-event.ts';
import { listEvents } from '../../../core/events/list-events.ts';
import { managedBy, operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import { IdParams, listPage, PageQuery, pageOf, StringEnum, withErrors } from '../../schemas/common.ts';
import { Event, ListPaging } from '../../schemas/events.ts';

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const When = (description: string) => Type.Optional(Type.String({ format: 'date-time', description }));
const date = (v?: string) => (v === undefined ? undefined : new Date(v));

/** A limited account manager's id: lists and reads show only their affiliates'. */
export const manager = (request: FastifyRequest) => managedBy(request.principal) ?? undefined;

export const eventReadRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const tags = ['events'];

  app.get(
    '/events',
    {
      preValidation: requireOperator('read'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'List events (newest arrival first), with filters',
        description:
          'attributed=false is the unattributed queue; each event shows when it happened and when it arrived.',
        querystring: Type.Object(
          {
            brand_id: Type.Optional(Id),
            type: Type.Optional(StringEnum(EVENT_TYPES)),
            customer_ref: Type.Optional(Type.Integer({ minimum: 1 })),
            customer_id: Type.Optional(Type.String({ maxLength: 200, description: "The operator's id" })),
            affiliate_id: Type.Optional(Id),
            attributed: Type.Optional(Type.Boolean()),
            held: Type.Optional(Type.Boolean()),
            flagged: Type.Optional(Type.Boolean()),
            is_ftd: Type.Optional(Type.Boolean()),
            occurred_from: When('Happened at or after'),
            occurred_to: When('Happened at or before'),
            received_from: When('Arrived at or after'),
            received_to: When('Arrived at or before'),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: withErrors(
          { 200: Type.Object({ data: Type.Array(Event), paging: ListPaging }) },
          401,
          403,
          422,
        ),
      },
    },
    async (request) => {
      const q = request.query;
      const page = pageOf(q);
      const result = await listEvents({
        db: db(),
        filter: {
          ...q,
          occurred_from: date(q.occurred_from),
          occurred_to: date(q.occurred_to),
          received_from: date(q.received_from),
          received_to: date(q.received_to),
        },
        limit: page.limit,
        offset: page.offset,
        managerId: manager(request),
      });
      return listPage(page, result) as never;
    },
  );

  app.get(
    '/events/:id',
    {
      preValidation: requireOperator('read'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Get an event with its attribution explanation',
        params: IdParams,
        response: withErrors({ 200: Event }, 401, 403, 404),
      },
    },
    async (request) => getEvent({ db: db(), id: request.params.id, managerId: manager(request) }) as never,
  );
};
