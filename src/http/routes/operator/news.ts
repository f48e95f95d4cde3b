import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { createNewsItem } from '../../../core/news/create-news-item.ts';
import { deleteNewsItem } from '../../../core/news/delete-news-item.ts';
import { getNewsItem } from '../../../core/news/get-news-item.ts';
import { listNewsItems } from '../../../core/news/list-news-items.ts';
import { NEWS_STATUSES } from '../../../core/news/news-item.ts';
import { publishNewsItem } from '../../../core/news/publish-news-item.ts';
import { unpublishNewsItem } from '../../../core/news/unpublish-news-item.ts';
import { updateNewsItem } from '../../../core/news/update-news-item.ts';
import { actorOf } from '../../actor.ts';
import { operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import {
  IdParams,
  ListOf,
  listPage,
  Nullable,
  PageQuery,
  pageOf,
  StringEnum,
  withErrors,
} from '../../schemas/common.ts';
import { NEWS_HELP, NewsItem } from '../../schemas/news.ts';

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
// Types and upper bounds only: core words what a person gets wrong (empty title, a bad link).
const fields = {
  brand_id: Type.Optional(Nullable(Id)),
  title: Type.String({ maxLength: 1000 }),
  body: Type.String({ maxLength: 100_000 }),
  banner_url: Type.Optional(Nullable(Type.String({ maxLength: 5000 }))),
  banner_media_id: Type.Optional(Nullable(Id)),
};

/** The operator's side of the news: drafts, publishing (which emails subscribers), corrections. */
export const newsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const { publicUrl } = app.deps.config;
  const common = { tags: ['news'], security: operatorSecurity };

  app.get(
    '/news',
    {
      preValidation: requireOperator('read'),
      schema: {
        ...common,
        summary: 'News items, drafts first, then the newest published',
        description: NEWS_HELP,
        querystring: Type.Object(
          { ...PageQuery, status: Type.Optional(StringEnum(NEWS_STATUSES)), brand_id: Type.Optional(Id) },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: ListOf(NewsItem) }, 401, 403, 422),
      },
    },
    async (request) => {
      const page = pageOf(request.query);
      const { status, brand_id } = request.query;
      const result = await listNewsItems({
        db: db(),
        publicUrl,
        filter: { status, brand_id, limit: page.limit, offset: page.offset },
      });
      return listPage(page, result);
    },
  );

  app.post(
    '/news',
    {
      preValidation: requireOperator('write'),
      schema: {
        ...common,
        summary: 'Write a news item (a draft until published)',
        description: `${NEWS_HELP} The banner is a link or a media file, not both.`,
        body: Type.Object(fields, { additionalProperties: false }),
        response: withErrors({ 201: NewsItem }, 401, 403, 422),
      },
    },
    async (request, reply) => {
      const item = await createNewsItem({
        db: db(),
        actor: actorOf(request),
        publicUrl,
        input: request.body,
      });
      return reply.status(201).send(item);
    },
  );

  app.get(
    '/news/:id',
    {
      preValidation: requireOperator('read'),
      schema: {
        ...common,
        summary: 'One news item',
        params: IdParams,
        response: withErrors({ 200: NewsItem }, 401, 403, 404),
      },
    },
    async (request) => getNewsItem({ db: db(), publicUrl, newsId: request.params.id }),
  );

  app.patch(
    '/news/:id',
    {
      preValidation: requireOperator('write'),
      schema: {
        ...common,
        summary: 'Change a news item (draft or published: readers see the correction)',
        params: IdParams,
        body: Type.Object(
          { ...fields, title: Type.Optional(fields.title), body: Type.Optional(fields.body) },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: NewsItem }, 401, 403, 404, 422),
      },
    },
    async (request) =>
      updateNewsItem({
        db: db(),
        actor: actorOf(request),
        publicUrl,
        newsId: request.params.id,
        input: request.body,
      }),
  );

  app.post(
    '/news/:id/publish',
    {
      preValidation: requireOperator('write'),
      schema: {
        ...common,
        summary: 'Publish a draft: affiliates see it at once',
        description:
          'The first publication emails every active affiliate user subscribed to news (the profile’s `email_subscriptions`). Publishing a published item is 409.',
        params: IdParams,
        response: withErrors({ 200: NewsItem }, 401, 403, 404, 409),
      },
    },
    async (request) =>
      publishNewsItem({
        db: db(),
        jobs: app.deps.jobs,
        actor: actorOf(request),
        publicUrl,
        newsId: request.params.id,
      }),
  );

  app.post(
    '/news/:id/unpublish',
    {
      preValidation: requireOperator('write'),
      schema: {
        ...common,
        summary: 'Take a published item back to a draft',
        params: IdParams,
        response: withErrors({ 200: NewsItem }, 401, 403, 404, 409),
      },
    },
    async (request) =>
      unpublishNewsItem({ db: db(), actor: actorOf(request), publicUrl, newsId: request.params.id }),
  );

  app.delete(
    '/news/:id',
    {
      preValidation: requireOperator('write'),
      schema: {
        ...common,
        summary: 'Delete a draft (a published item is unpublished first: 409)',
        params: IdParams,
        response: withErrors({ 204: Type.Null() }, 401, 403, 404, 409),
      },
    },
    async (request, reply) => {
      await deleteNewsItem({ db: db(), actor: actorOf(request), newsId: request.params.id });
      return reply.status(204).send(null);
    },
  );
};
