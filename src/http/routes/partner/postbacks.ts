import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { createPostback } from '../../../core/postbacks/create-postback.ts';
import { exportPostbackLog } from '../../../core/postbacks/export-postback-log.ts';
import { listPostbackLog } from '../../../core/postbacks/list-postback-log.ts';
import { listPostbacks } from '../../../core/postbacks/list-postbacks.ts';
import { previewPostback } from '../../../core/postbacks/preview-postback.ts';
import { actorOf } from '../../actor.ts';
import { partnerSecurity, requirePartner } from '../../plugins/partner-auth.ts';
import { listPage, PageQuery, pageOf, withErrors } from '../../schemas/common.ts';
import {
  LOG_HELP,
  logFilterOf,
  logFilters,
  POSTBACK_HELP,
  Postback,
  PostbackFields,
  PostbackLogPage,
  PostbackPage,
  Preview,
  PreviewBody,
  postbackFilters,
  Variables,
  variableList,
} from '../../schemas/postbacks.ts';
import { CSV_RESPONSE } from '../operator/postbacks.ts';
import { postbackItemRoutes } from '../shared/postback-item-routes.ts';
import { scopeOf } from './campaigns.ts';

export const partnerPostbackRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const tags = ['portal: postbacks'];
  const read = { preValidation: requirePartner() };
  const write = { preValidation: requirePartner({ changesData: true }) };

  app.get(
    '/postback-variables',
    {
      ...read,
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'The standard variables of postback templates',
        description: 'Beside these, any custom parameter of your tracking link is a variable by its name.',
        response: withErrors({ 200: Variables }, 401, 403),
      },
    },
    async () => variableList(),
  );

  app.get(
    '/postbacks',
    {
      ...read,
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'My postbacks, newest first',
        description: POSTBACK_HELP,
        querystring: Type.Object(postbackFilters, { additionalProperties: false }),
        response: withErrors({ 200: PostbackPage }, 401, 403, 422),
      },
    },
    async (request) => {
      const page = pageOf(request.query);
      return listPage(
        page,
        await listPostbacks({
          db: db(),
          filter: request.query,
          limit: page.limit,
          offset: page.offset,
          scope: scopeOf(request),
        }),
      );
    },
  );

  app.post(
    '/postbacks',
    {
      ...write,
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'Create a postback',
        description: POSTBACK_HELP,
        body: Type.Object(PostbackFields, { additionalProperties: false }),
        response: withErrors({ 201: Postback }, 401, 403, 422),
      },
    },
    async (request, reply) => {
      const scope = scopeOf(request);
      return reply.status(201).send(
        await createPostback({
          db: db(),
          actor: actorOf(request),
          affiliateId: scope.affiliateId,
          input: request.body,
          scope,
        }),
      );
    },
  );

  app.post(
    '/postbacks/preview',
    {
      ...read,
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'Render a postback URL for a sample or past event',
        description:
          'A saved postback (`id`), or a template being written (`url`, `trigger`). Nothing is sent.',
        body: PreviewBody,
        response: withErrors({ 200: Preview }, 401, 403, 404, 422),
      },
    },
    async (request) =>
      previewPostback({
        db: db(),
        id: request.body.id,
        url: request.body.url,
        trigger: request.body.trigger,
        eventRef: request.body.event_ref,
        scope: scopeOf(request),
      }),
  );

  postbackItemRoutes(app, {
    tags,
    security: partnerSecurity,
    read: read.preValidation,
    write: write.preValidation,
    scope: scopeOf,
    eventOwner: 'your',
    summaries: {
      get: 'Get one of my postbacks',
      change: 'Change one of my postbacks',
      remove: 'Delete one of my postbacks',
      testFire: 'Send one of my postbacks now and show the result',
      replay: 'Send again the failed deliveries of one of my postbacks in a time range',
      replayOne: 'Send one of my failed deliveries again',
    },
  });

  app.get(
    '/postback-log',
    {
      ...read,
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'My postbacks log',
        description: LOG_HELP,
        querystring: Type.Object({ ...logFilters, ...PageQuery }, { additionalProperties: false }),
        response: withErrors({ 200: PostbackLogPage }, 401, 403, 422),
      },
    },
    async (request) => {
      const page = pageOf(request.query);
      return listPage(
        page,
        await listPostbackLog({
          db: db(),
          filter: logFilterOf(request.query),
          limit: page.limit,
          offset: page.offset,
          scope: scopeOf(request),
        }),
      );
    },
  );

  app.get(
    '/postback-log.csv',
    {
      ...read,
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'My postbacks log as CSV',
        description: `${LOG_HELP} The same filters as the list.`,
        querystring: Type.Object(logFilters, { additionalProperties: false }),
        response: withErrors({ 200: CSV_RESPONSE }, 401, 403, 422),
      },
    },
    async (request, reply) =>
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="postback-log.csv"')
        .send(
          await exportPostbackLog({ db: db(), filter: logFilterOf(request.query), scope: scopeOf(request) }),
        ),
  );
};
