// The routes on one postback definition and its deliveries, the same for the operator and the
// affiliate: only who may call them, the words and the scope of what they reach differ.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest, preValidationHookHandler } from 'fastify';
import { Type } from 'typebox';
import type { Scope } from '../../../core/catalog/types.ts';
import { deletePostback } from '../../../core/postbacks/delete-postback.ts';
import { getPostback } from '../../../core/postbacks/get-postback.ts';
import { replayPostbacks } from '../../../core/postbacks/replay-postbacks.ts';
import { testFirePostback } from '../../../core/postbacks/test-fire-postback.ts';
import { updatePostback } from '../../../core/postbacks/update-postback.ts';
import { actorOf } from '../../actor.ts';
import { IdParams, withErrors } from '../../schemas/common.ts';
import {
  Postback,
  PostbackAttempt,
  PostbackPatch,
  ReplayBody,
  Replayed,
  TestFireBody,
} from '../../schemas/postbacks.ts';

type App = Parameters<FastifyPluginAsyncTypebox>[0];

const BigIdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });

export interface PostbackAudience {
  tags: string[];
  security: Record<string, string[]>[];
  read: preValidationHookHandler;
  write: preValidationHookHandler;
  scope(request: FastifyRequest): Scope;
  /** Summaries, in the audience's words ("my postbacks" or "a postback"). */
  summaries: {
    get: string;
    change: string;
    remove: string;
    testFire: string;
    replay: string;
    replayOne: string;
  };
  /** Whose past events a test-fire may use. */
  eventOwner: string;
}

export const deliverSettings = (app: App) => ({
  allowPrivate: app.deps.config.postbacks.allowPrivate,
  affiliateConcurrency: app.deps.config.postbacks.affiliateConcurrency,
});

export function postbackItemRoutes(app: App, a: PostbackAudience): void {
  const db = () => app.deps.database.db;
  const { tags, security } = a;

  app.get(
    '/postbacks/:id',
    {
      preValidation: a.read,
      schema: {
        tags,
        security,
        summary: a.summaries.get,
        params: IdParams,
        response: withErrors({ 200: Postback }, 401, 403, 404),
      },
    },
    async (request) => getPostback({ db: db(), id: request.params.id, scope: a.scope(request) }),
  );

  app.patch(
    '/postbacks/:id',
    {
      preValidation: a.write,
      schema: {
        tags,
        security,
        summary: a.summaries.change,
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
        scope: a.scope(request),
      }),
  );

  app.delete(
    '/postbacks/:id',
    {
      preValidation: a.write,
      schema: {
        tags,
        security,
        summary: a.summaries.remove,
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
        scope: a.scope(request),
      });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/postbacks/:id/test-fire',
    {
      preValidation: a.write,
      schema: {
        tags,
        security,
        summary: a.summaries.testFire,
        description: `With a sample event, or \`event_ref\`, one of ${a.eventOwner} past events. Sent once (no retries), logged as a test, not counted toward disabling. Client pixels cannot be test-fired (409): preview them.`,
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
        scope: a.scope(request),
      }),
  );

  app.post(
    '/postbacks/:id/replay',
    {
      preValidation: a.write,
      schema: {
        tags,
        security,
        summary: a.summaries.replay,
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
          scope: a.scope(request),
        }),
      ),
  );

  app.post(
    '/postback-deliveries/:id/replay',
    {
      preValidation: a.write,
      schema: {
        tags,
        security,
        summary: a.summaries.replayOne,
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
          scope: a.scope(request),
        }),
      ),
  );
}
