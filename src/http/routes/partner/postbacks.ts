import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
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
import { partnerSecurity, requirePartner } from '../../plugins/partner-auth.ts';
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
  PreviewBody,
  postbackFilters,
  ReplayBody,
  Replayed,
  TestFireBody,
  Variables,
  variableList,
} from '../../schemas/postbacks.ts';
import { CSV_RESPONSE, deliverSettings } from '../operator/postbacks.ts';
import { scopeOf } from './campaigns.ts';

const BigIdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

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

  app.get(
    '/postbacks/:id',
    {
      ...read,
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'Get one of my postbacks',
        params: IdParams,
        response: withErrors({ 200: Postback }, 401, 403, 404),
      },
    },
    async (request) => getPostback({ db: db(), id: request.params.id, scope: scopeOf(request) }),
  );

  app.patch(
    '/postbacks/:id',
    {
      ...write,
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'Change one of my postbacks',
        description: 'Setting `status` to active again clears an automatic disable.',
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
        scope: scopeOf(request),
      }),
  );

  app.delete(
    '/postbacks/:id',
    {
      ...write,
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'Delete one of my postbacks',
        params: IdParams,
        response: withErrors({ 204: Type.Null() }, 401, 403, 404),
      },
    },
    async (request, reply) => {
      await deletePostback({
        db: db(),
        actor: actorOf(request),
        id: request.params.id,
        scope: scopeOf(request),
      });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/postbacks/:id/test-fire',
    {
      ...write,
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'Send one of my postbacks now and show the result',
        description:
          'With a sample event, or `event_ref`, one of your past events. Sent once, logged as a test.',
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
        scope: scopeOf(request),
      }),
  );

  app.post(
    '/postbacks/:id/replay',
    {
      ...write,
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'Send again the failed deliveries of one of my postbacks in a time range',
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
          scope: scopeOf(request),
        }),
      ),
  );

  app.post(
    '/postback-deliveries/:id/replay',
    {
      ...write,
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'Send one of my failed deliveries again',
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
          scope: scopeOf(request),
        }),
      ),
  );

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
