import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { createDestinationLink } from '../../../core/catalog/links/create-destination-link.ts';
import { getDestinationLink } from '../../../core/catalog/links/get-destination-link.ts';
import { listDestinationLinks } from '../../../core/catalog/links/list-destination-links.ts';
import { updateDestinationLink } from '../../../core/catalog/links/update-destination-link.ts';
import { actorOf } from '../../actor.ts';
import { operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import { IdParams, StringEnum, withErrors } from '../../schemas/common.ts';
import {
  AUDIENCES,
  DestinationLink,
  IdRef,
  LINK_TYPES,
  Nullable,
  PLACEHOLDER_HELP,
} from '../../schemas/tracking.ts';
import { managerScope } from './manager-scope.ts';

const fields = {
  brand_id: IdRef,
  name: Type.String({ minLength: 1, maxLength: 200 }),
  description: Nullable(Type.String({ maxLength: 2000 })),
  link_type: StringEnum(LINK_TYPES),
  url: Type.String({ minLength: 1, maxLength: 4000 }),
  url_ab: Nullable(Type.String({ maxLength: 4000 })),
  ab_split: Type.Integer({ minimum: 0, maximum: 100 }),
  audience: StringEnum(AUDIENCES),
  is_public: Type.Boolean(),
  enabled: Type.Boolean(),
  private_affiliate_ids: Type.Array(IdRef, { maxItems: 10_000 }),
  asset_ids: Type.Array(IdRef, { maxItems: 1000 }),
};
const { brand_id, name, url, ...optional } = fields;

export const destinationLinkRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const tags = ['destination links'];

  app.get(
    '/destination-links',
    {
      preValidation: requireOperator('read'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'List destination links',
        querystring: Type.Object({
          brand_id: Type.Optional(IdRef),
          audience: Type.Optional(StringEnum(AUDIENCES)),
          link_type: Type.Optional(StringEnum(LINK_TYPES)),
          enabled: Type.Optional(Type.Boolean()),
          visible_to_affiliate_id: Type.Optional(
            Type.Integer({
              minimum: 1,
              description: 'Only links this affiliate may use (public or granted)',
            }),
          ),
          q: Type.Optional(Type.String({ maxLength: 200, description: 'Part of the name' })),
        }),
        response: withErrors({ 200: Type.Object({ data: Type.Array(DestinationLink) }) }, 401, 403, 422),
      },
    },
    async (request) => ({ data: await listDestinationLinks(db(), request.query, managerScope(request)) }),
  );

  app.post(
    '/destination-links',
    {
      preValidation: requireOperator('write'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Create a destination link',
        description: PLACEHOLDER_HELP,
        body: Type.Object(
          { brand_id, name, url, ...Type.Partial(Type.Object(optional)).properties },
          {
            additionalProperties: false,
          },
        ),
        response: withErrors({ 201: DestinationLink }, 401, 403, 422),
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await createDestinationLink({
          db: db(),
          actor: actorOf(request),
          input: request.body,
          scope: managerScope(request),
        }),
      ),
  );

  app.get(
    '/destination-links/:id',
    {
      preValidation: requireOperator('read'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Get a destination link',
        params: IdParams,
        response: withErrors({ 200: DestinationLink }, 401, 403, 404),
      },
    },
    async (request) => getDestinationLink(db(), request.params.id, managerScope(request)),
  );

  app.patch(
    '/destination-links/:id',
    {
      preValidation: requireOperator('write'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Change a destination link',
        description: `Takes effect on the next click of every promo using it. ${PLACEHOLDER_HELP}`,
        params: IdParams,
        body: Type.Partial(Type.Object(fields), { additionalProperties: false }),
        response: withErrors({ 200: DestinationLink }, 401, 403, 404, 409, 422),
      },
    },
    async (request) =>
      updateDestinationLink({
        db: db(),
        actor: actorOf(request),
        id: request.params.id,
        input: request.body,
        scope: managerScope(request),
      }),
  );
};
