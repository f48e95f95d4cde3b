import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { archiveCampaign } from '../../../core/catalog/campaigns/archive-campaign.ts';
import { createCampaign } from '../../../core/catalog/campaigns/create-campaign.ts';
import { getCampaign } from '../../../core/catalog/campaigns/get-campaign.ts';
import { type CampaignFilter, listCampaigns } from '../../../core/catalog/campaigns/list-campaigns.ts';
import { unarchiveCampaign } from '../../../core/catalog/campaigns/unarchive-campaign.ts';
import { updateCampaign } from '../../../core/catalog/campaigns/update-campaign.ts';
import type { Scope } from '../../../core/catalog/types.ts';
import type { Db } from '../../../db/index.ts';
import { actorOf } from '../../actor.ts';
import { operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import { IdParams, ListOf, listPage, PageQuery, pageOf, withErrors } from '../../schemas/common.ts';
import { Campaign, CampaignListItem, CampaignTab, IdRef, Nullable } from '../../schemas/tracking.ts';
import { managerScope } from './manager-scope.ts';

export const CampaignQuery = Type.Object({
  tab: Type.Optional(CampaignTab),
  id: Type.Optional(IdRef),
  name: Type.Optional(Type.String({ maxLength: 200, description: 'Part of the name' })),
  brand_id: Type.Optional(IdRef),
  commission_plan_id: Type.Optional(IdRef),
  ...PageQuery,
});

/** A page of the campaigns the scope reaches (operator and portal lists alike). */
export async function campaignPage(
  db: Db,
  query: CampaignFilter & { page?: number; page_size?: number },
  scope: Scope,
) {
  const page = pageOf(query);
  return listPage(
    page,
    await listCampaigns({ db, filter: query, limit: page.limit, offset: page.offset, scope }),
  );
}

export const campaignRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const tags = ['campaigns'];
  const archiveNote =
    'Archived campaigns accept no new promos and no edits; their tracking links keep working.';

  app.get(
    '/campaigns',
    {
      preValidation: requireOperator('read'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'List campaigns (tabs: active, archived, all)',
        querystring: Type.Object({ ...CampaignQuery.properties, affiliate_id: Type.Optional(IdRef) }),
        response: withErrors({ 200: ListOf(CampaignListItem) }, 401, 403, 422),
      },
    },
    async (request) => campaignPage(db(), request.query, managerScope(request)),
  );

  app.post(
    '/campaigns',
    {
      preValidation: requireOperator('write'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Create a campaign for an affiliate',
        body: Type.Object(
          {
            affiliate_id: IdRef,
            brand_id: IdRef,
            name: Type.String({ maxLength: 200, description: 'Not empty' }),
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
          input: request.body,
          scope: managerScope(request),
        }),
      ),
  );

  app.get(
    '/campaigns/:id',
    {
      preValidation: requireOperator('read'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Get a campaign',
        params: IdParams,
        response: withErrors({ 200: Campaign }, 401, 403, 404),
      },
    },
    async (request) => getCampaign(db(), request.params.id, managerScope(request)),
  );

  app.patch(
    '/campaigns/:id',
    {
      preValidation: requireOperator('write'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Change a campaign',
        description: `${archiveNote} A new \`commission_plan_id\` applies from \`commission_plan_effective_from\` (now by default, never before the campaign's latest plan change): the engine pays each event under the campaign's plan in force at the event's time; the assignment history is GET /commission-plans/assignments?campaign_id=.`,
        params: IdParams,
        body: Type.Partial(
          Type.Object({
            name: Type.String({ maxLength: 200, description: 'Not empty' }),
            commission_plan_id: Nullable(IdRef),
            commission_plan_effective_from: Type.String({
              format: 'date-time',
              description: 'From when commission_plan_id applies (with it); now by default',
            }),
          }),
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
        input: {
          ...request.body,
          commission_plan_effective_from:
            request.body.commission_plan_effective_from === undefined
              ? undefined
              : new Date(request.body.commission_plan_effective_from),
        },
        scope: managerScope(request),
      }),
  );

  for (const [action, run] of [
    ['archive', archiveCampaign],
    ['unarchive', unarchiveCampaign],
  ] as const) {
    app.post(
      `/campaigns/:id/${action}`,
      {
        preValidation: requireOperator('write'),
        schema: {
          tags,
          security: operatorSecurity,
          summary: action === 'archive' ? 'Archive a campaign' : 'Unarchive a campaign',
          description: archiveNote,
          params: IdParams,
          response: withErrors({ 200: Campaign }, 401, 403, 404),
        },
      },
      async (request) =>
        run({ db: db(), actor: actorOf(request), id: request.params.id, scope: managerScope(request) }),
    );
  }
};
