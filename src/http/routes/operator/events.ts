import { createGunzip } from 'node:zlib';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../../core/errors.ts';
import { MAX_BATCH } from '../../../core/events/event-input.ts';
import { recordEvents } from '../../../core/events/ingest/record-events.ts';
import { actorOf } from '../../actor.ts';
import { operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import { withErrors } from '../../schemas/common.ts';
import { BatchResult, EventsBody, SingleResult } from '../../schemas/events.ts';

/** Decompressed, a batch of 1,000 events is far below this; a bigger body is refused unread. */
export const EVENTS_BODY_LIMIT = 32 * 1024 * 1024;

export const eventIngestRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;

  app.post(
    '/events',
    {
      preValidation: requireOperator('events'),
      bodyLimit: EVENTS_BODY_LIMIT,
      // Items are checked one by one in core, so one bad item never blocks the others; the schema
      // documents the body.
      validatorCompiler: () => () => true,
      preParsing: async (request, _reply, payload) => {
        const encoding = String(request.headers['content-encoding'] ?? 'identity').toLowerCase();
        if (encoding === 'identity') return payload;
        if (encoding !== 'gzip')
          throw new AppError('unsupported_media_type', 'Content-Encoding must be gzip or left out');
        const gunzip = createGunzip() as ReturnType<typeof createGunzip> & { receivedEncodedLength: number };
        gunzip.receivedEncodedLength = 0;
        payload.on('data', (chunk: Buffer) => {
          gunzip.receivedEncodedLength += chunk.length;
        });
        payload.on('error', (error) => gunzip.destroy(error));
        return payload.pipe(gunzip);
      },
      schema: {
        tags: ['events'],
        security: operatorSecurity,
        summary: 'Record one event or a batch',
        description: [
          'The server-to-server conversion API, for an API key with the `events` scope. Send one',
          'event, or `{ "events": [...] }` with up to 1,000; the body may be gzip-compressed',
          '(`Content-Encoding: gzip`). `(brand_id, type, event_id)` is unique: a replay with the same',
          'body answers the original result (`duplicate`), the same id with another body is',
          '`idempotency_conflict`. A batch answers per item; invalid items never block valid ones,',
          'and a batch with no valid item is a 422. When the call returns, the accepted events are',
          'committed. Amounts are integers in minor units. The first deposit of a customer is its',
          'FTD, whatever the caller says. Each event is attributed once, with its explanation: the',
          "customer's binding, else `click_id`, then `coupon_code`, then `affiliate_id`.",
        ].join(' '),
        body: EventsBody,
        response: withErrors(
          {
            200: Type.Union([BatchResult, SingleResult], {
              description: 'A batch, or a replayed single event',
            }),
            201: SingleResult,
          },
          400,
          401,
          403,
          409,
          413,
          415,
          422,
        ),
      },
    },
    async (request, reply) => {
      const body = request.body as unknown;
      const isBatch = !!body && typeof body === 'object' && !Array.isArray(body) && 'events' in body;
      if (!body || typeof body !== 'object' || Array.isArray(body))
        throw AppError.field('body', 'must be an event object, or { "events": [ ... ] } for a batch');
      const actor = actorOf(request);
      if (!isBatch) {
        const [result] = await recordEvents({
          db: db(),
          actor,
          items: [body],
          batch: false,
          jobs: app.deps.jobs,
        });
        if (!result) throw new AppError('internal_error', 'the event was not recorded');
        if (result.status === 'rejected') {
          if (result.error.code === 'idempotency_conflict')
            throw new AppError('idempotency_conflict', result.error.message, { fields: result.error.fields });
          throw AppError.validation(result.error.fields);
        }
        return reply.status(result.status === 'created' ? 201 : 200).send(result as never);
      }
      const items = (body as { events: unknown }).events;
      const extra = Object.keys(body).filter((k) => k !== 'events');
      if (!Array.isArray(items)) throw AppError.field('events', 'must be a list of events');
      if (extra.length) throw AppError.field(extra[0] as string, 'is not a field of a batch (only events)');
      if (items.length === 0) throw AppError.field('events', 'must hold at least one event');
      if (items.length > MAX_BATCH)
        throw AppError.field(
          'events',
          `must hold at most ${MAX_BATCH} events (this one has ${items.length})`,
        );
      const results = await recordEvents({ db: db(), actor, items, batch: true, jobs: app.deps.jobs });
      const count = (status: string) => results.filter((r) => r.status === status).length;
      const summary = {
        created: count('created'),
        duplicates: count('duplicate'),
        rejected: count('rejected'),
        results,
      };
      if (summary.rejected === results.length)
        throw new AppError('validation_failed', 'no event of the batch could be recorded', {
          fields: results.flatMap((r) => (r.status === 'rejected' ? r.error.fields : [])),
          results,
        });
      // The answer is built from the recorded rows' views, in the documented shape: the schema's
      // serializer would validate a 1,000-item union again only to pick its branch.
      return reply
        .status(200)
        .serializer(JSON.stringify)
        .send(summary as never);
    },
  );
};
