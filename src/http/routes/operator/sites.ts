import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { listSiteCategories } from '../../../core/sites/categories.ts';
import { getSite } from '../../../core/sites/get-site.ts';
import { listSites } from '../../../core/sites/list-sites.ts';
import { reviewSite } from '../../../core/sites/review-site.ts';
import { actorOf } from '../../actor.ts';
import { operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import { IdParams, listPage, pageOf, withErrors } from '../../schemas/common.ts';
import {
  ReviewSiteBody,
  SITE_HELP,
  Site,
  SiteCategoryList,
  SitePage,
  SiteQuery,
  shapeSite,
  shapeSites,
} from '../../schemas/sites.ts';
import { manager } from './cash-outs.ts';

/** Affiliates' sites in the back office: lists and the review. */
export const siteRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const tags = ['sites'];
  const read = { preValidation: requireOperator('read') };

  app.get(
    '/site-categories',
    {
      ...read,
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'The fixed list of website categories',
        response: withErrors({ 200: SiteCategoryList }, 401, 403),
      },
    },
    async () => ({ data: listSiteCategories() }),
  );

  app.get(
    '/sites',
    {
      ...read,
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Sites of all affiliates, newest first (review_status=pending: to review)',
        description: SITE_HELP,
        querystring: Type.Object(
          {
            ...SiteQuery.properties,
            affiliate_id: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: SitePage }, 401, 403, 422),
      },
    },
    async (request) => {
      const q = request.query;
      const page = pageOf(q);
      const result = await listSites({
        db: db(),
        filter: {
          ...(q.affiliate_id ? { affiliateId: q.affiliate_id } : {}),
          ...(q.review_status ? { reviewStatus: q.review_status } : {}),
          ...manager(request),
        },
        limit: page.limit,
        offset: page.offset,
      });
      return listPage(page, shapeSites(result)) as never;
    },
  );

  app.get(
    '/affiliates/:id/sites',
    {
      ...read,
      schema: {
        tags,
        security: operatorSecurity,
        summary: "An affiliate's sites, newest first",
        description: SITE_HELP,
        params: IdParams,
        querystring: SiteQuery,
        response: withErrors({ 200: SitePage }, 401, 403, 422),
      },
    },
    async (request) => {
      const q = request.query;
      const page = pageOf(q);
      const result = await listSites({
        db: db(),
        filter: {
          affiliateId: request.params.id,
          ...(q.review_status ? { reviewStatus: q.review_status } : {}),
          ...manager(request),
        },
        limit: page.limit,
        offset: page.offset,
      });
      return listPage(page, shapeSites(result)) as never;
    },
  );

  app.get(
    '/sites/:id',
    {
      ...read,
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'One site with its history',
        params: IdParams,
        response: withErrors({ 200: Site }, 401, 403, 404),
      },
    },
    async (request) =>
      shapeSite(await getSite({ db: db(), id: request.params.id, scope: manager(request) })) as never,
  );

  app.post(
    '/sites/:id/review',
    {
      preValidation: requireOperator('support'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Approve or decline a site (a comment is required to decline), or set it back to pending',
        description: 'Needs the `support` scope. Setting the status the site already has is a 409.',
        params: IdParams,
        body: ReviewSiteBody,
        response: withErrors({ 200: Site }, 401, 403, 404, 409, 422),
      },
    },
    async (request) => {
      await reviewSite({
        db: db(),
        actor: actorOf(request),
        id: request.params.id,
        status: request.body.review_status,
        comment: request.body.comment ?? null,
        ...manager(request),
      });
      return shapeSite(await getSite({ db: db(), id: request.params.id, scope: manager(request) })) as never;
    },
  );
};
