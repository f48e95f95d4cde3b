import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { listCashOutSchedules } from '../../../core/ledger/schedules/list-cash-out-schedules.ts';
import { addPaymentMethod } from '../../../core/ledger/wallet/add-payment-method.ts';
import { decideBankStatement } from '../../../core/ledger/wallet/decide-bank-statement.ts';
import { deletePaymentMethod } from '../../../core/ledger/wallet/delete-payment-method.ts';
import { listBankStatements } from '../../../core/ledger/wallet/list-bank-statements.ts';
import { listPaymentMethods } from '../../../core/ledger/wallet/list-payment-methods.ts';
import { readBankStatement } from '../../../core/ledger/wallet/read-bank-statement.ts';
import { actorOf } from '../../actor.ts';
import { operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import { IdParams, StringEnum, withErrors } from '../../schemas/common.ts';
import {
  BankStatement,
  BankStatementList,
  PaymentMethod,
  PaymentMethodBody,
  PaymentMethodList,
  SCHEDULE_HELP,
  ScheduleList,
  WALLET_HELP,
} from '../../schemas/wallet.ts';
import { manager } from './cash-outs.ts';

const MethodParams = Type.Object({
  id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
  methodId: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
});

/** Affiliates' wallets in the back office: payment methods, bank statements, schedules. */
export const walletRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const tags = ['wallets'];
  const read = { preValidation: requireOperator('read') };
  const finance = { preValidation: requireOperator('finance') };

  app.get(
    '/affiliates/:id/payment-methods',
    {
      ...read,
      schema: {
        tags,
        security: operatorSecurity,
        summary: "An affiliate's payment methods, masked",
        description: WALLET_HELP,
        params: IdParams,
        response: withErrors({ 200: PaymentMethodList }, 401, 403, 404),
      },
    },
    async (request) =>
      ({ data: await listPaymentMethods({ db: db(), affiliateId: request.params.id }) }) as never,
  );

  app.post(
    '/affiliates/:id/payment-methods',
    {
      ...finance,
      schema: {
        tags,
        security: operatorSecurity,
        summary: "Add a payment method to an affiliate's wallet",
        description: `${WALLET_HELP} Needs the \`finance\` scope.`,
        params: IdParams,
        body: PaymentMethodBody,
        response: withErrors({ 201: PaymentMethod }, 401, 403, 404, 409, 422),
      },
    },
    async (request, reply) => {
      const method = await addPaymentMethod({
        db: db(),
        actor: actorOf(request),
        affiliateId: request.params.id,
        input: request.body,
      });
      return reply.status(201).send(method as never);
    },
  );

  app.delete(
    '/affiliates/:id/payment-methods/:methodId',
    {
      ...finance,
      schema: {
        tags,
        security: operatorSecurity,
        summary: "Delete a payment method from an affiliate's wallet",
        description: 'Requested cash-outs keep their copy of the details. Needs the `finance` scope.',
        params: MethodParams,
        response: withErrors({ 204: Type.Null() }, 401, 403, 404),
      },
    },
    async (request, reply) => {
      await deletePaymentMethod({
        db: db(),
        actor: actorOf(request),
        id: request.params.methodId,
        affiliateId: request.params.id,
      });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/affiliates/:id/cash-out-schedules',
    {
      ...read,
      schema: {
        tags,
        security: operatorSecurity,
        summary: "An affiliate's automatic cash-out schedules",
        description: SCHEDULE_HELP,
        params: IdParams,
        response: withErrors({ 200: ScheduleList }, 401, 403, 404),
      },
    },
    async (request) =>
      ({ data: await listCashOutSchedules({ db: db(), affiliateId: request.params.id }) }) as never,
  );

  app.get(
    '/bank-statements',
    {
      ...read,
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Bank statements to review (status=pending), newest first',
        description: WALLET_HELP,
        querystring: Type.Object(
          {
            status: Type.Optional(StringEnum(['pending', 'approved', 'declined'] as const)),
            affiliate_id: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: BankStatementList }, 401, 403, 404, 422),
      },
    },
    async (request) => {
      const { status, affiliate_id } = request.query;
      const data = await listBankStatements({
        db: db(),
        ...(status ? { status } : {}),
        ...(affiliate_id ? { affiliateId: affiliate_id } : {}),
        ...manager(request),
      });
      return { data } as never;
    },
  );

  app.get(
    '/bank-statements/:id/file',
    {
      ...finance,
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'The uploaded statement file, to read before deciding',
        description: 'Needs the `finance` scope.',
        params: IdParams,
        response: withErrors(
          {
            200: {
              description: 'The file as uploaded',
              content: {
                'application/pdf': { schema: { type: 'string', format: 'binary' } },
                'image/png': { schema: { type: 'string', format: 'binary' } },
                'image/jpeg': { schema: { type: 'string', format: 'binary' } },
              },
            },
          },
          401,
          403,
          404,
        ),
      },
    },
    async (request, reply) => {
      const file = await readBankStatement({
        db: db(),
        dataDir: app.deps.config.dataDir,
        id: request.params.id,
        ...manager(request),
      });
      return reply
        .type(file.contentType)
        .header('content-disposition', `attachment; filename="${file.fileName.replace(/[^\w.-]/g, '_')}"`)
        .send(file.file);
    },
  );

  for (const [verb, decision] of [
    ['approve', 'approved'],
    ['decline', 'declined'],
  ] as const) {
    app.post(
      `/bank-statements/:id/${verb}`,
      {
        ...finance,
        schema: {
          tags,
          security: operatorSecurity,
          summary:
            decision === 'approved'
              ? 'Approve a statement: the bank account is verified and may be paid to'
              : 'Decline a statement, with the reason shown to the affiliate',
          description: 'Only a pending statement (409 otherwise). Needs the `finance` scope.',
          params: IdParams,
          body: Type.Optional(
            Type.Object(
              { reason: Type.Optional(Type.String({ maxLength: 1000 })) },
              { additionalProperties: false },
            ),
          ),
          response: withErrors({ 200: BankStatement }, 401, 403, 404, 409, 422),
        },
      },
      async (request) =>
        decideBankStatement({
          db: db(),
          actor: actorOf(request),
          id: request.params.id,
          decision,
          reason: request.body?.reason ?? null,
          ...manager(request),
        }) as never,
    );
  }
};
