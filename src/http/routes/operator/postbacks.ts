import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { createPostback } from '../../../core/postbacks/create-postback.ts';
import { deletePostback } from '../../../core/postbacks/delete-postback.ts';
import { exportPostbackLog } from '../../../core/postbacks/export-postback-log.ts';
import { getPostback } from '../../../core/postbacks/get-postback.ts';
import { listPostbackLog } from '../../../core/postbacks/list-postback-log.ts';
import { listPostbacks } from '../../../core/postbacks/list-postbacks.ts';
import { previewPostback } from '../../../core/postbacks/preview-postback.ts';
import { replayPostbacks } from '../../../core/postbacks/replay-postbacks.ts';
import { testFirePostback } from '../../../core/postbacks/test-fire-postback.ts';
import { updatePostback } from '../../../core/postbacks/update-postback.ts';
import { actorOf } from '../../actor.ts';
import { operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import { IdParams, listPage, PageQuery, pageOf, withErrors } from '../../schemas/common.ts';
import {
  LOG_HELP,
  logFilterOf,
  logFilters,
  POSTBACK_HELP,
  Postback,
  PostbackAttempt,
  PostbackFields,
  PostbackLogPage,
  PostbackPage,
  PostbackPatch,
  Preview,
  postbackFilters,
  previewFields,
  ReplayBody,
  Replayed,
  TestFireBody,
  Variables,
  variableList,
} from '../../schemas/postbacks.ts';
import { managerScope } from './manager-scope.ts';

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const BigIdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export const deliverSettings = (app: FastifyInstance) => ({
  allowPrivate: app.deps.config.postbacks.allowPrivate,
  affiliateConcurrency: app.deps.config.postbacks.affiliateConcurrency,
});

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

  app.get(
    '/postbacks/:id',
    {
      preValidation: requireOperator('read'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Get a postback',
        params: IdParams,
        response: withErrors({ 200: Postback }, 401, 403, 404),
      },
    },
    async (request) => getPostback({ db: db(), id: request.params.id, scope: managerScope(request) }),
  );

  app.patch(
    '/postbacks/:id',
    {
      preValidation: requireOperator('write'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Change a postback',
        description:
          'The fields given replace the stored ones and the whole is checked again. Setting `status` to active again clears an automatic disable.',
        params: IdParams,
        body: PostbackPatch,
        response: withErrors({ 200: Postback }, 401, 403, 404, 422),
      },
    },
    async (request) =>
      updatePostback({
        db: db(),
        actor: actorOf(request),
        id: request.params.id,
        input: request.body,
        scope: managerScope(request),
      }),
  );

  app.delete(
    '/postbacks/:id',
    {
      preValidation: requireOperator('write'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Delete a postback',
        description:
          'It never fires again; its log stays until the retention days pass, deliveries still waiting are failed.',
        params: IdParams,
        response: withErrors({ 204: Type.Null() }, 401, 403, 404),
      },
    },
    async (request, reply) => {
      await deletePostback({
        db: db(),
        actor: actorOf(request),
        id: request.params.id,
        scope: managerScope(request),
      });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/postbacks/:id/test-fire',
    {
      preValidation: requireOperator('write'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Send a postback now and show the result',
        description:
          "With a sample event, or `event_ref`, one of the affiliate's past events. Sent once (no retries), logged as a test, not counted toward disabling. Client pixels cannot be test-fired (409): preview them.",
        params: IdParams,
        body: TestFireBody,
        response: withErrors({ 200: PostbackAttempt }, 401, 403, 404, 409, 422),
      },
    },
    async (request) =>
      testFirePostback({
        db: db(),
        jobs: app.deps.jobs,
        settings: deliverSettings(app),
        id: request.params.id,
        eventRef: request.body.event_ref,
        scope: managerScope(request),
      }),
  );

  app.post(
    '/postbacks/:id/replay',
    {
      preValidation: requireOperator('write'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Send again every failed delivery of a postback in a time range',
        description:
          'Each once more, with the URL it was made with (at most 10,000 per call); each try is a new attempt in the log.',
        params: IdParams,
        body: ReplayBody,
        response: withErrors({ 202: Replayed }, 401, 403, 404, 422),
      },
    },
    async (request, reply) =>
      reply.status(202).send(
        await replayPostbacks({
          db: db(),
          jobs: app.deps.jobs,
          definitionId: request.params.id,
          ...(request.body.from ? { from: new Date(request.body.from) } : {}),
          ...(request.body.to ? { to: new Date(request.body.to) } : {}),
          scope: managerScope(request),
        }),
      ),
  );

  app.post(
    '/postback-deliveries/:id/replay',
    {
      preValidation: requireOperator('write'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Send one failed delivery again',
        description: 'Once more, with the URL it was made with; a delivery that is not failed is a 409.',
        params: BigIdParams,
        response: withErrors({ 202: Replayed }, 401, 403, 404, 409),
      },
    },
    async (request, reply) =>
      reply.status(202).send(
        await replayPostbacks({
          db: db(),
          jobs: app.deps.jobs,
          deliveryId: request.params.id,
          scope: managerScope(request),
        }),
      ),
  );

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
