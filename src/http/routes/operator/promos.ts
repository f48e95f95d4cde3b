import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { createPromo } from '../../../core/catalog/promos/create-promo.ts';
import { getPromo } from '../../../core/catalog/promos/get-promo.ts';
import { listPromos } from '../../../core/catalog/promos/list-promos.ts';
import { updatePromo } from '../../../core/catalog/promos/update-promo.ts';
import { actorOf } from '../../actor.ts';
import { operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import { IdParams, ListOf, listPage, PageQuery, pageOf, withErrors } from '../../schemas/common.ts';
import { CreatePromoBody, CustomParams, IdRef, Nullable, Promo } from '../../schemas/tracking.ts';
import { managerScope } from './manager-scope.ts';

const STEPS = `The seed's three steps in one call: (1) traffic source (optional, set once) and landing
(a destination link of the campaign's brand the affiliate may use), (2) a banner (media_id) or none
for a direct link, (3) finish.`;

export const promoRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const { publicUrl } = app.deps.config;
  const tags = ['promos'];

  app.get(
    '/promos',
    {
      preValidation: requireOperator('read'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'List promos (tracking links)',
        querystring: Type.Object({
          campaign_id: Type.Optional(IdRef),
          affiliate_id: Type.Optional(IdRef),
          brand_id: Type.Optional(IdRef),
          destination_link_id: Type.Optional(IdRef),
          code: Type.Optional(Type.String({ maxLength: 64 })),
          q: Type.Optional(Type.String({ maxLength: 200, description: 'Part of the title or of the code' })),
          ...PageQuery,
        }),
        response: withErrors({ 200: ListOf(Promo) }, 401, 403, 422),
      },
    },
    async (request) => {
      const page = pageOf(request.query);
      const found = await listPromos({
        db: db(),
        filter: request.query,
        limit: page.limit,
        offset: page.offset,
        publicUrl,
        scope: managerScope(request),
      });
      return listPage(page, found);
    },
  );

  app.post(
    '/campaigns/:id/promos',
    {
      preValidation: requireOperator('write'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Add a promo to a campaign',
        description: STEPS,
        params: IdParams,
        body: CreatePromoBody,
        response: withErrors({ 201: Promo }, 401, 403, 404, 409, 422),
      },
    },
    async (request, reply) => {
      const promo = await createPromo({
        db: db(),
        actor: actorOf(request),
        campaignId: request.params.id,
        input: request.body,
        publicUrl,
        scope: managerScope(request),
      });
      return reply.status(201).send(promo);
    },
  );

  app.get(
    '/promos/:id',
    {
      preValidation: requireOperator('read'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Get a promo',
        params: IdParams,
        response: withErrors({ 200: Promo }, 401, 403, 404),
      },
    },
    async (request) => getPromo(db(), request.params.id, { publicUrl, scope: managerScope(request) }),
  );

  app.patch(
    '/promos/:id',
    {
      preValidation: requireOperator('write'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Change a promo',
        description:
          "Only promos of active campaigns can change. The traffic source can be set once when empty, never changed. A disabled promo's link goes to the fallback URL.",
        params: IdParams,
        body: Type.Partial(
          Type.Object({
            title: Type.String({ minLength: 1, maxLength: 200 }),
            destination_link_id: IdRef,
            media_id: Nullable(IdRef),
            traffic_source_id: Nullable(IdRef),
            custom_params: CustomParams,
            enabled: Type.Boolean(),
          }),
          { additionalProperties: false },
        ),
        response: withErrors({ 200: Promo }, 401, 403, 404, 409, 422),
      },
    },
    async (request) => {
      return updatePromo({
        db: db(),
        actor: actorOf(request),
        id: request.params.id,
        input: request.body,
        publicUrl,
        scope: managerScope(request),
      });
    },
  );
};
