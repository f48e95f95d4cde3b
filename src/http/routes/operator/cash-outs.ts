import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { acceptCashOut } from '../../../core/ledger/cash-outs/accept-cash-out.ts';
import { cancelCashOut } from '../../../core/ledger/cash-outs/cancel-cash-out.ts';
import { getCashOut } from '../../../core/ledger/cash-outs/get-cash-out.ts';
import { listCashOuts } from '../../../core/ledger/cash-outs/list-cash-outs.ts';
import { refundCashOut } from '../../../core/ledger/cash-outs/refund-cash-out.ts';
import { actorOf } from '../../actor.ts';
import { managedBy, operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import { listPage, pageOf, withErrors } from '../../schemas/common.ts';
import { CASH_OUT_HELP, CashOut, CashOutPage, CashOutQuery, ReasonBody } from '../../schemas/ledger.ts';

const CashOutParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) });
const date = (v?: string) => (v === undefined ? undefined : new Date(v));
/** A limited manager's scope for the ledger's operations (`managerId`), or none. */
export const manager = (request: FastifyRequest) => {
  const id = managedBy(request.principal);
  return id === null ? {} : { managerId: id };
};

export const cashOutRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const tags = ['cash-outs'];
  const read = { preValidation: requireOperator('read') };
  const finance = { preValidation: requireOperator('finance') };

  app.get(
    '/cash-outs',
    {
      ...read,
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Cash-outs, newest first (the queue: status=pending)',
        description: CASH_OUT_HELP,
        querystring: Type.Object(
          {
            affiliate_id: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
            ...CashOutQuery,
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: CashOutPage }, 401, 403, 404, 422),
      },
    },
    async (request) => {
      const q = request.query;
      const page = pageOf(q);
      const result = await listCashOuts({
        db: db(),
        filter: { ...q, from: date(q.from), to: date(q.to) },
        ...manager(request),
        limit: page.limit,
        offset: page.offset,
      });
      return listPage(page, result) as never;
    },
  );

  app.get(
    '/cash-outs/:id',
    {
      ...read,
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'One cash-out with its changes',
        description: CASH_OUT_HELP,
        params: CashOutParams,
        response: withErrors({ 200: CashOut }, 401, 403, 404),
      },
    },
    async (request) => getCashOut({ db: db(), id: request.params.id, ...manager(request) }) as never,
  );

  app.post(
    '/cash-outs/:id/accept',
    {
      ...finance,
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Accept a pending cash-out as paid, with the payment reference',
        description: `${CASH_OUT_HELP} Needs the \`finance\` scope.`,
        params: CashOutParams,
        body: Type.Object(
          { payment_reference: Type.String({ maxLength: 300 }) },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: CashOut }, 401, 403, 404, 409, 422),
      },
    },
    async (request) =>
      acceptCashOut({
        db: db(),
        actor: actorOf(request),
        id: request.params.id,
        paymentReference: request.body.payment_reference,
        jobs: app.deps.jobs,
        ...manager(request),
      }) as never,
  );

  for (const [verb, run, summary] of [
    ['cancel', cancelCashOut, 'Cancel a pending cash-out: its amount is available again'],
    ['refund', refundCashOut, 'Record that a paid cash-out came back: its amount is available again'],
  ] as const) {
    app.post(
      `/cash-outs/:id/${verb}`,
      {
        ...finance,
        schema: {
          tags,
          security: operatorSecurity,
          summary,
          description: `${CASH_OUT_HELP} The reason is shown to the affiliate. Needs the \`finance\` scope.`,
          params: CashOutParams,
          body: Type.Optional(ReasonBody),
          response: withErrors({ 200: CashOut }, 401, 403, 404, 409, 422),
        },
      },
      async (request) =>
        run({
          db: db(),
          actor: actorOf(request),
          id: request.params.id,
          reason: request.body?.reason ?? null,
          jobs: app.deps.jobs,
          ...manager(request),
        }) as never,
    );
  }
};
