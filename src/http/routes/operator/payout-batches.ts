import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { cancelPayoutBatch } from '../../../core/ledger/payouts/cancel-payout-batch.ts';
import { createPayoutBatch } from '../../../core/ledger/payouts/create-payout-batch.ts';
import { exportPayoutCsv } from '../../../core/ledger/payouts/export-payout-csv.ts';
import { exportPayoutSepa } from '../../../core/ledger/payouts/export-payout-sepa.ts';
import { getPayoutBatch } from '../../../core/ledger/payouts/get-payout-batch.ts';
import { listPayoutBatches } from '../../../core/ledger/payouts/list-payout-batches.ts';
import { markPayoutBatchPaid } from '../../../core/ledger/payouts/mark-payout-batch-paid.ts';
import { actorOf } from '../../actor.ts';
import { operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import { IdParams, listPage, PageQuery, pageOf, StringEnum, withErrors } from '../../schemas/common.ts';
import { PAYOUT_HELP, PayoutBatch, PayoutBatchBody, PayoutBatchPage } from '../../schemas/wallet.ts';
import { manager } from './cash-outs.ts';

/** The operator's payout batches: select pending cash-outs, export them, mark them paid. */
export const payoutBatchRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const tags = ['payout batches'];
  const finance = { preValidation: requireOperator('finance') };

  app.get(
    '/payout-batches',
    {
      ...finance,
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Payout batches, newest first',
        description: PAYOUT_HELP,
        querystring: Type.Object(
          { status: Type.Optional(StringEnum(['open', 'paid', 'cancelled'] as const)), ...PageQuery },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: PayoutBatchPage }, 401, 403, 422),
      },
    },
    async (request) => {
      const page = pageOf(request.query);
      const result = await listPayoutBatches({
        db: db(),
        ...(request.query.status ? { status: request.query.status } : {}),
        ...manager(request),
        limit: page.limit,
        offset: page.offset,
      });
      return listPage(page, result) as never;
    },
  );

  app.post(
    '/payout-batches',
    {
      ...finance,
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Select pending cash-outs of one currency into a payout batch',
        description: `${PAYOUT_HELP} Every cash-out that is not pending, already batched or of another currency is listed (422).`,
        body: PayoutBatchBody,
        response: withErrors({ 201: PayoutBatch }, 401, 403, 422),
      },
    },
    async (request, reply) => {
      const batch = await createPayoutBatch({
        db: db(),
        actor: actorOf(request),
        input: request.body,
        ...manager(request),
      });
      return reply.status(201).send(batch as never);
    },
  );

  app.get(
    '/payout-batches/:id',
    {
      ...finance,
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'One payout batch with its cash-outs',
        description: PAYOUT_HELP,
        params: IdParams,
        response: withErrors({ 200: PayoutBatch }, 401, 403, 404),
      },
    },
    async (request) => getPayoutBatch({ db: db(), id: request.params.id, ...manager(request) }) as never,
  );

  app.get(
    '/payout-batches/:id/payouts.csv',
    {
      ...finance,
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'The batch as CSV: one line per cash-out with the payee details',
        description: 'Details are unmasked: the operator pays to them. Needs the `finance` scope.',
        params: IdParams,
        response: withErrors(
          {
            200: {
              description: 'One line per cash-out',
              content: { 'text/csv': { schema: { type: 'string' } } },
            },
          },
          401,
          403,
          404,
        ),
      },
    },
    async (request, reply) => {
      const csv = await exportPayoutCsv({ db: db(), id: request.params.id, ...manager(request) });
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="payout-batch-${request.params.id}.csv"`)
        .send(csv);
    },
  );

  app.get(
    '/payout-batches/:id/sepa.xml',
    {
      ...finance,
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'The batch as a SEPA credit transfer file (pain.001.001.09)',
        description:
          'EUR batches whose cash-outs all pay to an IBAN and BIC, from the debtor account given when the batch was made; otherwise 422 listing what is missing. Needs the `finance` scope.',
        params: IdParams,
        response: withErrors(
          {
            200: {
              description: 'ISO 20022 pain.001.001.09',
              content: { 'application/xml': { schema: { type: 'string' } } },
            },
          },
          401,
          403,
          404,
          422,
        ),
      },
    },
    async (request, reply) => {
      const xml = await exportPayoutSepa({ db: db(), id: request.params.id, ...manager(request) });
      return reply
        .type('application/xml; charset=utf-8')
        .header('content-disposition', `attachment; filename="payout-batch-${request.params.id}.xml"`)
        .send(xml);
    },
  );

  app.post(
    '/payout-batches/:id/pay',
    {
      ...finance,
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Mark the batch paid: its cash-outs become success with the payment reference',
        description: PAYOUT_HELP,
        params: IdParams,
        body: Type.Object(
          { payment_reference: Type.String({ maxLength: 300 }) },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: PayoutBatch }, 401, 403, 404, 409, 422),
      },
    },
    async (request) =>
      markPayoutBatchPaid({
        db: db(),
        actor: actorOf(request),
        id: request.params.id,
        paymentReference: request.body.payment_reference,
        jobs: app.deps.jobs,
        ...manager(request),
      }) as never,
  );

  app.post(
    '/payout-batches/:id/cancel',
    {
      ...finance,
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Give up an open batch: its cash-outs are pending and free again',
        description: PAYOUT_HELP,
        params: IdParams,
        response: withErrors({ 200: PayoutBatch }, 401, 403, 404, 409),
      },
    },
    async (request) => cancelPayoutBatch({ db: db(), id: request.params.id, ...manager(request) }) as never,
  );
};
