import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { archiveCampaign } from '../../../core/catalog/campaigns/archive-campaign.ts';
import { createCampaign } from '../../../core/catalog/campaigns/create-campaign.ts';
import { getCampaign } from '../../../core/catalog/campaigns/get-campaign.ts';
import { unarchiveCampaign } from '../../../core/catalog/campaigns/unarchive-campaign.ts';
import { updateCampaign } from '../../../core/catalog/campaigns/update-campaign.ts';
import { actorOf } from '../../actor.ts';
import { partnerSecurity, requirePartner } from '../../plugins/partner-auth.ts';
import { IdParams, ListOf, PageQuery, withErrors } from '../../schemas/common.ts';
import { Campaign, CampaignListItem, CampaignTab, IdRef, Nullable } from '../../schemas/tracking.ts';
import { campaignPage } from '../operator/campaigns.ts';

/** Every partner call is scoped to the caller's affiliate: others' campaigns are not found. */
export const scopeOf = (request: FastifyRequest) => ({ affiliateId: request.partner!.affiliate.id });

const ARCHIVE_NOTE =
  'Archived campaigns accept no new promos and no edits; their tracking links keep working.';

export const partnerCampaignRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const tags = ['portal: campaigns'];
  const read = { preValidation: requirePartner() };
  const write = { preValidation: requirePartner({ changesData: true }) };

  app.get(
    '/campaigns',
    {
      ...read,
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'My campaigns (tabs: active, archived, all)',
        querystring: Type.Object(
          {
            tab: Type.Optional(CampaignTab),
            id: Type.Optional(IdRef),
            name: Type.Optional(Type.String({ maxLength: 200, description: 'Part of the name' })),
            brand_id: Type.Optional(IdRef),
            commission_plan_id: Type.Optional(IdRef),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: ListOf(CampaignListItem) }, 401, 403, 422),
      },
    },
    async (request) => campaignPage(db(), request.query, scopeOf(request)),
  );

  app.post(
    '/campaigns',
    {
      ...write,
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'Create a campaign',
        body: Type.Object(
          {
            brand_id: IdRef,
            name: Type.String({ minLength: 1, maxLength: 200 }),
            commission_plan_id: Type.Optional(Nullable(IdRef)),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 201: Campaign }, 401, 403, 422),
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await createCampaign({
          db: db(),
          actor: actorOf(request),
          input: { ...request.body, affiliate_id: request.partner!.affiliate.id },
        }),
      ),
  );

  app.get(
    '/campaigns/:id',
    {
      ...read,
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'One of my campaigns',
        params: IdParams,
        response: withErrors({ 200: Campaign }, 401, 403, 404),
      },
    },
    async (request) => getCampaign(db(), request.params.id, scopeOf(request)),
  );

  app.patch(
    '/campaigns/:id',
    {
      ...write,
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'Rename one of my campaigns',
        description: ARCHIVE_NOTE,
        params: IdParams,
        body: Type.Object(
          { name: Type.String({ minLength: 1, maxLength: 200 }) },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: Campaign }, 401, 403, 404, 409, 422),
      },
    },
    async (request) =>
      updateCampaign({
        db: db(),
        actor: actorOf(request),
        id: request.params.id,
        input: request.body,
        scope: scopeOf(request),
      }),
  );

  for (const [action, run] of [
    ['archive', archiveCampaign],
    ['unarchive', unarchiveCampaign],
  ] as const) {
    app.post(
      `/campaigns/:id/${action}`,
      {
        ...write,
        schema: {
          tags,
          security: partnerSecurity,
          summary: action === 'archive' ? 'Archive one of my campaigns' : 'Unarchive one of my campaigns',
          description: ARCHIVE_NOTE,
          params: IdParams,
          response: withErrors({ 200: Campaign }, 401, 403, 404),
        },
      },
      async (request) =>
        run({ db: db(), actor: actorOf(request), id: request.params.id, scope: scopeOf(request) }),
    );
  }
};
