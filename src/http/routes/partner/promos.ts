import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { getCampaign } from '../../../core/catalog/campaigns/get-campaign.ts';
import { createPromo } from '../../../core/catalog/promos/create-promo.ts';
import { getPromo } from '../../../core/catalog/promos/get-promo.ts';
import { listPromos } from '../../../core/catalog/promos/list-promos.ts';
import { updatePromo } from '../../../core/catalog/promos/update-promo.ts';
import { actorOf } from '../../actor.ts';
import { partnerSecurity, requirePartner } from '../../plugins/partner-auth.ts';
import { IdParams, withErrors } from '../../schemas/common.ts';
import { CreatePromoBody, CustomParams, IdRef, Nullable, Promo } from '../../schemas/tracking.ts';
import { scopeOf } from './campaigns.ts';

export const partnerPromoRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const { publicUrl } = app.deps.config;
  const tags = ['portal: campaigns'];

  app.get(
    '/campaigns/:id/promos',
    {
      preValidation: requirePartner(),
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'The promos (tracking links) of one of my campaigns',
        params: IdParams,
        response: withErrors({ 200: Type.Object({ data: Type.Array(Promo) }) }, 401, 403, 404),
      },
    },
    async (request) => {
      const scope = scopeOf(request);
      const campaign = await getCampaign(db(), request.params.id, scope);
      // A campaign's promos on one page, as the portal shows them (the first 500).
      const { data } = await listPromos({
        db: db(),
        filter: { campaign_id: campaign.id },
        limit: 500,
        offset: 0,
        publicUrl,
        scope,
      });
      return { data };
    },
  );

  app.post(
    '/campaigns/:id/promos',
    {
      preValidation: requirePartner({ changesData: true }),
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'Add a promo: traffic source and landing, banner or direct link, finish',
        description:
          'Step 1 options: GET /campaigns/{id}/promo-options; step 2: GET /media (banners) or no media_id for a direct link; step 3: this call. The traffic source can be left empty and set once later.',
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
        scope: scopeOf(request),
      });
      return reply.status(201).send(promo);
    },
  );

  app.get(
    '/promos/:id',
    {
      preValidation: requirePartner(),
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'One of my promos',
        params: IdParams,
        response: withErrors({ 200: Promo }, 401, 403, 404),
      },
    },
    async (request) => getPromo(db(), request.params.id, { publicUrl, scope: scopeOf(request) }),
  );

  app.patch(
    '/promos/:id',
    {
      preValidation: requirePartner({ changesData: true }),
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'Change one of my promos',
        description:
          'Only in active campaigns. The traffic source can be set once when empty and never changed afterwards (409).',
        params: IdParams,
        body: Type.Partial(
          Type.Object({
            title: Type.String({ minLength: 1, maxLength: 200 }),
            media_id: Nullable(IdRef),
            traffic_source_id: Nullable(IdRef),
            custom_params: CustomParams,
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
        scope: scopeOf(request),
      });
    },
  );
};
