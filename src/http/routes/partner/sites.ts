import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { listSiteCategories } from '../../../core/sites/categories.ts';
import { createSite } from '../../../core/sites/create-site.ts';
import { getSite } from '../../../core/sites/get-site.ts';
import { listSites } from '../../../core/sites/list-sites.ts';
import { updateSite } from '../../../core/sites/update-site.ts';
import { partnerActor, partnerSecurity, requirePartner } from '../../plugins/partner-auth.ts';
import { IdParams, listPage, pageOf, withErrors } from '../../schemas/common.ts';
import {
  CreateSiteBody,
  SITE_HELP,
  Site,
  SiteCategoryList,
  SitePage,
  SiteQuery,
  shapeSite,
  shapeSites,
  UpdateSiteBody,
} from '../../schemas/sites.ts';

/** The affiliate's own websites: list, add, read, edit. */
export const partnerSiteRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const tags = ['portal: sites'];
  const mine = (request: { partner: { affiliate: { id: number } } | null }) => request.partner!.affiliate.id;

  app.get(
    '/site-categories',
    {
      preValidation: requirePartner(),
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'The fixed list of website categories',
        response: withErrors({ 200: SiteCategoryList }, 401, 403),
      },
    },
    async () => ({ data: listSiteCategories() }),
  );

  app.get(
    '/sites',
    {
      preValidation: requirePartner(),
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'My sites, newest first',
        description: SITE_HELP,
        querystring: SiteQuery,
        response: withErrors({ 200: SitePage }, 401, 403, 422),
      },
    },
    async (request) => {
      const q = request.query;
      const page = pageOf(q);
      const result = await listSites({
        db: db(),
        filter: { affiliateId: mine(request), ...(q.review_status ? { reviewStatus: q.review_status } : {}) },
        limit: page.limit,
        offset: page.offset,
      });
      return listPage(page, shapeSites(result)) as never;
    },
  );

  app.post(
    '/sites',
    {
      preValidation: requirePartner({ changesData: true }),
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'Add a site; it waits for the operator’s review',
        description: SITE_HELP,
        body: CreateSiteBody,
        response: withErrors({ 201: Site }, 401, 403, 422),
      },
    },
    async (request, reply) => {
      const site = await createSite({
        db: db(),
        actor: partnerActor(request),
        affiliateId: mine(request),
        input: request.body,
      });
      return reply.code(201).send({ ...shapeSite(site), changes: [] } as never);
    },
  );

  app.get(
    '/sites/:id',
    {
      preValidation: requirePartner(),
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'One of my sites with its history',
        params: IdParams,
        response: withErrors({ 200: Site }, 401, 403, 404),
      },
    },
    async (request) =>
      shapeSite(
        await getSite({ db: db(), id: request.params.id, scope: { affiliateId: mine(request) } }),
      ) as never,
  );

  app.patch(
    '/sites/:id',
    {
      preValidation: requirePartner({ changesData: true }),
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'Change the fields given of one of my sites (null clears an optional one)',
        description: 'A new `url` or `category_code` on a reviewed site sends it back to `pending`.',
        params: IdParams,
        body: UpdateSiteBody,
        response: withErrors({ 200: Site }, 401, 403, 404, 422),
      },
    },
    async (request) => {
      const scope = { affiliateId: mine(request) };
      await updateSite({
        db: db(),
        actor: partnerActor(request),
        id: request.params.id,
        scope,
        input: request.body,
      });
      return shapeSite(await getSite({ db: db(), id: request.params.id, scope })) as never;
    },
  );
};
