import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { createWebhookEndpoint } from '../../../core/webhooks/create-webhook-endpoint.ts';
import { deleteWebhookEndpoint } from '../../../core/webhooks/delete-webhook-endpoint.ts';
import { getWebhookEndpoint, listWebhookEndpoints } from '../../../core/webhooks/list-webhook-endpoints.ts';
import { listWebhookLog } from '../../../core/webhooks/list-webhook-log.ts';
import { replayWebhooks } from '../../../core/webhooks/replay-webhooks.ts';
import { rotateWebhookSecret } from '../../../core/webhooks/rotate-webhook-secret.ts';
import { testWebhookEndpoint } from '../../../core/webhooks/test-webhook-endpoint.ts';
import { updateWebhookEndpoint } from '../../../core/webhooks/update-webhook-endpoint.ts';
import { operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import { IdParams, listPage, PageQuery, pageOf, withErrors } from '../../schemas/common.ts';
import { ReplayBody, Replayed } from '../../schemas/postbacks.ts';
import {
  RotateBody,
  WEBHOOK_HELP,
  WebhookAttempt,
  WebhookEndpoint,
  WebhookEndpointBody,
  WebhookEndpointPage,
  WebhookEndpointPatch,
  WebhookEndpointWithSecret,
  WebhookLogPage,
  webhookLogFilters,
} from '../../schemas/webhooks.ts';
import { deliverSettings } from './postbacks.ts';

const BigIdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
const dateOf = (value: string | undefined) => (value ? new Date(value) : undefined);

/** The operator's webhook endpoints (Standard Webhooks): the admin scope only. */
export const webhookRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const common = { tags: ['webhooks'], security: operatorSecurity };
  const admin = requireOperator('admin');

  app.get(
    '/webhooks',
    {
      preValidation: admin,
      schema: {
        ...common,
        summary: "List the operator's webhook endpoints, newest first",
        description: WEBHOOK_HELP,
        querystring: Type.Object(PageQuery, { additionalProperties: false }),
        response: withErrors({ 200: WebhookEndpointPage }, 401, 403, 422),
      },
    },
    async (request) => {
      const page = pageOf(request.query);
      return listPage(page, await listWebhookEndpoints({ db: db(), limit: page.limit, offset: page.offset }));
    },
  );

  app.post(
    '/webhooks',
    {
      preValidation: admin,
      schema: {
        ...common,
        summary: 'Subscribe an endpoint to platform events',
        description: `${WEBHOOK_HELP} The answer carries the signing secret; keep it, it is not shown again (rotate for a new one).`,
        body: WebhookEndpointBody,
        response: withErrors({ 201: WebhookEndpointWithSecret }, 401, 403, 422),
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createWebhookEndpoint({ db: db(), input: request.body })),
  );

  app.get(
    '/webhooks/log',
    {
      preValidation: admin,
      schema: {
        ...common,
        summary: 'Every attempt to the webhook endpoints, newest first',
        description:
          'Time, URL, event type, message id, attempt number, response code, time and first 1 KB, and when the next retry is due.',
        querystring: Type.Object({ ...webhookLogFilters, ...PageQuery }, { additionalProperties: false }),
        response: withErrors({ 200: WebhookLogPage }, 401, 403, 422),
      },
    },
    async (request) => {
      const page = pageOf(request.query);
      const { from, to, page: _p, page_size: _s, ...rest } = request.query;
      const result = await listWebhookLog({
        db: db(),
        filter: { ...rest, from: dateOf(from), to: dateOf(to) },
        limit: page.limit,
        offset: page.offset,
      });
      return listPage(page, result);
    },
  );

  app.get(
    '/webhooks/:id',
    {
      preValidation: admin,
      schema: {
        ...common,
        summary: 'Get a webhook endpoint',
        params: IdParams,
        response: withErrors({ 200: WebhookEndpoint }, 401, 403, 404),
      },
    },
    async (request) => getWebhookEndpoint({ db: db(), id: request.params.id }),
  );

  app.patch(
    '/webhooks/:id',
    {
      preValidation: admin,
      schema: {
        ...common,
        summary: 'Change a webhook endpoint',
        description: 'URL, description, event types or status; an inactive endpoint is queued nothing new.',
        params: IdParams,
        body: WebhookEndpointPatch,
        response: withErrors({ 200: WebhookEndpoint }, 401, 403, 404, 422),
      },
    },
    async (request) => updateWebhookEndpoint({ db: db(), id: request.params.id, input: request.body }),
  );

  app.delete(
    '/webhooks/:id',
    {
      preValidation: admin,
      schema: {
        ...common,
        summary: 'Delete a webhook endpoint',
        description: 'Nothing more is sent to it; deliveries still waiting are failed; its log stays.',
        params: IdParams,
        response: withErrors({ 204: Type.Null() }, 401, 403, 404),
      },
    },
    async (request, reply) => {
      await deleteWebhookEndpoint({ db: db(), id: request.params.id });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/webhooks/:id/rotate-secret',
    {
      preValidation: admin,
      schema: {
        ...common,
        summary: "Rotate an endpoint's signing secret",
        description:
          'Answers the new secret. For `grace_hours` (24 by default) the previous secret signs too: `webhook-signature` carries both signatures, space-separated, so receivers switch without losing a message.',
        params: IdParams,
        body: RotateBody,
        response: withErrors({ 200: WebhookEndpointWithSecret }, 401, 403, 404, 422),
      },
    },
    async (request) =>
      rotateWebhookSecret({ db: db(), id: request.params.id, graceHours: request.body.grace_hours }),
  );

  app.post(
    '/webhooks/:id/test',
    {
      preValidation: admin,
      schema: {
        ...common,
        summary: 'Send an endpoint a signed test message now',
        description: 'Type `webhook.test`, sent once (no retries), logged as a test; answers the attempt.',
        params: IdParams,
        response: withErrors({ 200: WebhookAttempt }, 401, 403, 404),
      },
    },
    async (request) =>
      testWebhookEndpoint({ db: db(), settings: deliverSettings(app), id: request.params.id }),
  );

  app.post(
    '/webhooks/:id/replay',
    {
      preValidation: admin,
      schema: {
        ...common,
        summary: 'Send again every failed delivery of an endpoint in a time range',
        description:
          'Each once more with its message id and body (a new timestamp and signature), at most 10,000 per call; each try is a new attempt in the log.',
        params: IdParams,
        body: ReplayBody,
        response: withErrors({ 202: Replayed }, 401, 403, 404, 422),
      },
    },
    async (request, reply) =>
      reply.status(202).send(
        await replayWebhooks({
          db: db(),
          jobs: app.deps.jobs,
          endpointId: request.params.id,
          from: dateOf(request.body.from),
          to: dateOf(request.body.to),
        }),
      ),
  );

  app.post(
    '/webhooks/deliveries/:id/replay',
    {
      preValidation: admin,
      schema: {
        ...common,
        summary: 'Send one failed webhook delivery again',
        description: 'Once more, with its message id and body; a delivery that is not failed is a 409.',
        params: BigIdParams,
        response: withErrors({ 202: Replayed }, 401, 403, 404, 409),
      },
    },
    async (request, reply) =>
      reply
        .status(202)
        .send(await replayWebhooks({ db: db(), jobs: app.deps.jobs, deliveryId: request.params.id })),
  );
};
