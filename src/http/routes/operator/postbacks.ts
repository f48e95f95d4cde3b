import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { createPostback } from '../../../core/postbacks/create-postback.ts';
import { exportPostbackLog } from '../../../core/postbacks/export-postback-log.ts';
import { listPostbackLog } from '../../../core/postbacks/list-postback-log.ts';
import { listPostbacks } from '../../../core/postbacks/list-postbacks.ts';
import { previewPostback } from '../../../core/postbacks/preview-postback.ts';
import { actorOf } from '../../actor.ts';
import { operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
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
  postbackFilters,
  previewFields,
  Variables,
  variableList,
} from '../../schemas/postbacks.ts';
import { postbackItemRoutes } from '../shared/postback-item-routes.ts';
import { managerScope } from './manager-scope.ts';

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });

export { deliverSettings } from '../shared/postback-item-routes.ts';

export const CSV_RESPONSE = {
  description: 'The filtered log as CSV, newest attempt first (at most 100,000 rows)',
  content: { 'text/csv': { schema: { type: 'string' } } },
};

export const postbackRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const tags = ['postbacks'];

  app.get(
    '/postback-variables',
    {
      preValidation: requireOperator('read'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'The standard variables of postback templates',
        description: 'Beside these, any custom parameter of the click is a variable by its name.',
        response: withErrors({ 200: Variables }, 401, 403),
      },
    },
    async () => variableList(),
  );

  app.get(
    '/postbacks',
    {
      preValidation: requireOperator('read'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: "List affiliates' postbacks, newest first",
        description: POSTBACK_HELP,
        querystring: Type.Object(
          { ...postbackFilters, affiliate_id: Type.Optional(Id) },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: PostbackPage }, 401, 403, 404, 422),
      },
    },
    async (request) => {
      const page = pageOf(request.query);
      const result = await listPostbacks({
        db: db(),
        filter: request.query,
        limit: page.limit,
        offset: page.offset,
        scope: managerScope(request),
      });
      return listPage(page, result);
    },
  );

  app.post(
    '/postbacks',
    {
      preValidation: requireOperator('write'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Create a postback for an affiliate',
        description: POSTBACK_HELP,
        body: Type.Object({ affiliate_id: Id, ...PostbackFields }, { additionalProperties: false }),
        response: withErrors({ 201: Postback }, 401, 403, 404, 422),
      },
    },
    async (request, reply) => {
      const { affiliate_id, ...input } = request.body;
      return reply.status(201).send(
        await createPostback({
          db: db(),
          actor: actorOf(request),
          affiliateId: affiliate_id,
          input,
          scope: managerScope(request),
        }),
      );
    },
  );

  app.post(
    '/postbacks/preview',
    {
      preValidation: requireOperator('write'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Render a postback URL for a sample or past event',
        description:
          'A saved definition (`id`), or a template being written (`url`, `trigger`, `affiliate_id`); for those who may write postbacks. Nothing is sent. A bad template is the 422 of saving it.',
        body: Type.Object(
          { ...previewFields, affiliate_id: Type.Optional(Id) },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: Preview }, 401, 403, 404, 422),
      },
    },
    async (request) =>
      previewPostback({
        db: db(),
        id: request.body.id,
        affiliateId: request.body.affiliate_id,
        url: request.body.url,
        trigger: request.body.trigger,
        eventRef: request.body.event_ref,
        scope: managerScope(request),
      }),
  );

  postbackItemRoutes(app, {
    tags,
    security: operatorSecurity,
    read: requireOperator('read'),
    write: requireOperator('write'),
    scope: managerScope,
    eventOwner: "the affiliate's",
    summaries: {
      get: 'Get a postback',
      change: 'Change a postback',
      remove: 'Delete a postback',
      testFire: 'Send a postback now and show the result',
      replay: 'Send again every failed delivery of a postback in a time range',
      replayOne: 'Send one failed delivery again',
    },
  });

  const logQuery = Type.Object(
    { ...logFilters, affiliate_id: Type.Optional(Id), ...PageQuery },
    { additionalProperties: false },
  );

  app.get(
    '/postback-log',
    {
      preValidation: requireOperator('read'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'The postback delivery log',
        description: LOG_HELP,
        querystring: logQuery,
        response: withErrors({ 200: PostbackLogPage }, 401, 403, 404, 422),
      },
    },
    async (request) => {
      const page = pageOf(request.query);
      const result = await listPostbackLog({
        db: db(),
        filter: logFilterOf(request.query),
        limit: page.limit,
        offset: page.offset,
        scope: managerScope(request),
      });
      return listPage(page, result);
    },
  );

  app.get(
    '/postback-log.csv',
    {
      preValidation: requireOperator('read'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'The postback delivery log as CSV',
        description: `${LOG_HELP} The same filters as the list.`,
        querystring: Type.Object(
          { ...logFilters, affiliate_id: Type.Optional(Id) },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: CSV_RESPONSE }, 401, 403, 404, 422),
      },
    },
    async (request, reply) => {
      const csv = await exportPostbackLog({
        db: db(),
        filter: logFilterOf(request.query),
        scope: managerScope(request),
      });
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', 'attachment; filename="postback-log.csv"')
        .send(csv);
    },
  );
};
