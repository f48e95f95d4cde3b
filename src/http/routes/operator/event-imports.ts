import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../../core/errors.ts';
import { getEventImport } from '../../../core/events/imports/get-event-import.ts';
import { startEventImport } from '../../../core/events/imports/start-event-import.ts';
import { actorOf } from '../../actor.ts';
import { operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import { IdParams, PageQuery, pageOf, withErrors } from '../../schemas/common.ts';
import { EventImport } from '../../schemas/event-imports.ts';

/** A CSV file as sent (gzip-compressed files count compressed); larger ones go through the CLI. */
export const EVENT_IMPORT_BODY_LIMIT = 100 * 1024 * 1024;

const DESCRIPTION = [
  'Bulk import of historical events (and so of customers), for a move from another platform.',
  'The body is a CSV file (`Content-Type: text/csv`, UTF-8, optionally `Content-Encoding: gzip`),',
  'at most 100 MiB as sent; larger files: `npm run cli -- import-events <file.csv>`. Its first line',
  'names the columns, as the fields of `POST /events`: `type`, `event_id`, `brand_id`, `customer_id`,',
  '`occurred_at` (required), `amount`, `currency`, `click_id`, `coupon_code`, `affiliate_id`, ...;',
  'nested figures have dotted names: `activity.bets`, `products.casino.wins`, `metadata.source`.',
  'Empty cells are left out. The header is checked at once (422 naming each bad column); the rows',
  'are then recorded in the background, 1,000 at a time, with the same checks, idempotency and',
  'attribution as `POST /events`: importing the same file again records nothing new (all',
  'duplicates). Follow the progress at `GET /events/imports/{id}`.',
].join(' ');

export const eventImportRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const tags = ['events'];
  app.addContentTypeParser(
    'text/csv',
    { parseAs: 'buffer', bodyLimit: EVENT_IMPORT_BODY_LIMIT },
    (_request, body, done) => done(null, body),
  );

  app.post(
    '/events/imports',
    {
      preValidation: requireOperator('events'),
      bodyLimit: EVENT_IMPORT_BODY_LIMIT,
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Import historical events from a CSV file (in the background)',
        description: DESCRIPTION,
        body: {
          content: {
            'text/csv': {
              schema: Type.String({
                description:
                  'type,event_id,brand_id,customer_id,occurred_at,amount,currency,click_id\\nregistration,r-1,1,p-1,2024-03-01T10:00:00Z,,,01HV...',
              }),
            },
          },
        },
        response: withErrors({ 202: EventImport }, 401, 403, 413, 415, 422),
      },
      // The file is read in core (its header now, its rows in the job): there is no parsed body
      // for a validator to look at, so the schema above only documents it.
      validatorCompiler: () => () => true,
    },
    async (request, reply) => {
      const encoding = String(request.headers['content-encoding'] ?? 'identity').toLowerCase();
      if (encoding !== 'identity' && encoding !== 'gzip')
        throw new AppError('unsupported_media_type', 'Content-Encoding must be gzip or left out');
      const upload = request.body as unknown;
      if (!Buffer.isBuffer(upload))
        throw new AppError('unsupported_media_type', 'send the file as Content-Type: text/csv');
      const started = await startEventImport({
        db: db(),
        jobs: app.deps.jobs,
        actor: actorOf(request),
        content: upload,
        encoding,
      });
      return reply
        .status(202)
        .header('location', `/api/v1/events/imports/${started.id}`)
        .send(started as never);
    },
  );

  app.get(
    '/events/imports/:id',
    {
      preValidation: requireOperator('events'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: "An import's progress, with its rejected rows by line",
        description:
          'Rows done, created, duplicates and rejected so far, the rate, and a page (`page`, `page_size`) of the rejected rows with their line in the file and every field’s problem.',
        params: IdParams,
        querystring: Type.Object(PageQuery, { additionalProperties: false }),
        response: withErrors({ 200: EventImport }, 401, 403, 404, 422),
      },
    },
    async (request) => {
      const page = pageOf(request.query);
      return getEventImport({
        db: db(),
        id: request.params.id,
        page: page.page,
        pageSize: page.page_size,
      }) as never;
    },
  );
};
