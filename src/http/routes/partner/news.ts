import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { getAffiliateContacts } from '../../../core/contacts/get-affiliate-contacts.ts';
import { getPublishedNews } from '../../../core/news/get-published-news.ts';
import { listPublishedNews } from '../../../core/news/list-published-news.ts';
import { partnerSecurity, requirePartner } from '../../plugins/partner-auth.ts';
import { IdParams, ListOf, listPage, Nullable, PageQuery, pageOf, withErrors } from '../../schemas/common.ts';
import { BrandContacts, NEWS_HELP, PublishedNews } from '../../schemas/news.ts';

/** The portal's News and Contacts pages: what the program tells affiliates and how to reach it. */
export const partnerNewsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const { publicUrl } = app.deps.config;

  app.get(
    '/news',
    {
      preValidation: requirePartner(),
      schema: {
        tags: ['portal: news'],
        security: partnerSecurity,
        summary: 'The published news of the program’s brands, newest first',
        description: NEWS_HELP,
        querystring: Type.Object(
          { ...PageQuery, brand_id: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })) },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: ListOf(PublishedNews) }, 401, 403, 422),
      },
    },
    async (request) => {
      const page = pageOf(request.query);
      const result = await listPublishedNews({
        db: db(),
        publicUrl,
        brandId: request.query.brand_id,
        limit: page.limit,
        offset: page.offset,
      });
      return listPage(page, result);
    },
  );

  app.get(
    '/news/:id',
    {
      preValidation: requirePartner(),
      schema: {
        tags: ['portal: news'],
        security: partnerSecurity,
        summary: 'One published news item (a draft is not found)',
        params: IdParams,
        response: withErrors({ 200: PublishedNews }, 401, 403, 404),
      },
    },
    async (request) => getPublishedNews({ db: db(), publicUrl, newsId: request.params.id }),
  );

  app.get(
    '/contacts',
    {
      preValidation: requirePartner(),
      schema: {
        tags: ['portal: contacts'],
        security: partnerSecurity,
        summary: 'How to reach the program: each brand’s contact details and my account manager',
        response: withErrors(
          {
            200: Type.Object({
              brands: Type.Array(BrandContacts),
              manager: Nullable(Type.Object({ name: Type.String(), email: Type.String() })),
            }),
          },
          401,
          403,
        ),
      },
    },
    async (request) => getAffiliateContacts({ db: db(), affiliateId: request.partner!.affiliate.id }),
  );
};
