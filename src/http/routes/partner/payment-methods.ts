import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../../core/errors.ts';
import { deleteCashOutSchedule } from '../../../core/ledger/schedules/delete-cash-out-schedule.ts';
import { listCashOutSchedules } from '../../../core/ledger/schedules/list-cash-out-schedules.ts';
import { saveCashOutSchedule } from '../../../core/ledger/schedules/save-cash-out-schedule.ts';
import { addPaymentMethod } from '../../../core/ledger/wallet/add-payment-method.ts';
import { deletePaymentMethod } from '../../../core/ledger/wallet/delete-payment-method.ts';
import { listBankStatements } from '../../../core/ledger/wallet/list-bank-statements.ts';
import { listPaymentMethods } from '../../../core/ledger/wallet/list-payment-methods.ts';
import { uploadBankStatement } from '../../../core/ledger/wallet/upload-bank-statement.ts';
import {
  partnerActor,
  partnerSecurity,
  requirePartner,
  requireRecentTwoFactor,
} from '../../plugins/partner-auth.ts';
import { IdParams, withErrors } from '../../schemas/common.ts';
import {
  BankStatement,
  BankStatementBody,
  BankStatementList,
  PaymentMethod,
  PaymentMethodBody,
  PaymentMethodList,
  SCHEDULE_HELP,
  Schedule,
  ScheduleBody,
  ScheduleList,
  WALLET_HELP,
} from '../../schemas/wallet.ts';

const TWO_FACTOR = 'Needs a portal session that confirmed a two-factor code recently.';

/** The portal wallet's payment methods, bank statements and automatic cash-out schedules. */
export const partnerPaymentMethodRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const tags = ['portal: wallet'];
  const mine = (request: { partner: { affiliate: { id: number } } | null }) => request.partner!.affiliate.id;
  const secured = {
    preValidation: requirePartner({ changesData: true, session: true }),
    preHandler: requireRecentTwoFactor,
  };
  // Another affiliate's method or schedule is not found, before any 2FA demand (as a missing one).
  const ownMethod = async (request: FastifyRequest) => {
    const id = (request.params as { id: number }).id;
    const methods = await listPaymentMethods({ db: db(), affiliateId: mine(request) });
    if (!methods.some((m) => m.id === id)) throw AppError.notFound('payment method');
  };
  const ownSchedule = async (request: FastifyRequest) => {
    const id = (request.params as { id: number }).id;
    const schedules = await listCashOutSchedules({ db: db(), affiliateId: mine(request) });
    if (!schedules.some((m) => m.id === id)) throw AppError.notFound('cash-out schedule');
  };

  app.get(
    '/payment-methods',
    {
      preValidation: requirePartner(),
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'My payment methods, masked',
        description: WALLET_HELP,
        response: withErrors({ 200: PaymentMethodList }, 401, 403),
      },
    },
    async (request) =>
      ({ data: await listPaymentMethods({ db: db(), affiliateId: mine(request) }) }) as never,
  );

  app.post(
    '/payment-methods',
    {
      ...secured,
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'Add a payment method to my wallet (one of each type)',
        description: `${WALLET_HELP} A second method of a type is a 409 \`conflict\`. ${TWO_FACTOR}`,
        body: PaymentMethodBody,
        response: withErrors({ 201: PaymentMethod }, 401, 403, 409, 422),
      },
    },
    async (request, reply) => {
      const method = await addPaymentMethod({
        db: db(),
        actor: partnerActor(request),
        affiliateId: mine(request),
        input: request.body,
      });
      return reply.status(201).send(method as never);
    },
  );

  app.delete(
    '/payment-methods/:id',
    {
      preValidation: secured.preValidation,
      preHandler: [ownMethod, requireRecentTwoFactor],
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'Delete one of my payment methods',
        description: `Requested cash-outs keep the details they were requested with; a schedule paying to the method is removed with it. ${TWO_FACTOR}`,
        params: IdParams,
        response: withErrors({ 204: Type.Null() }, 401, 403, 404),
      },
    },
    async (request, reply) => {
      await deletePaymentMethod({
        db: db(),
        actor: partnerActor(request),
        id: request.params.id,
        affiliateId: mine(request),
      });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/payment-methods/:id/bank-statements',
    {
      preValidation: requirePartner(),
      schema: {
        tags,
        security: partnerSecurity,
        summary: "My bank transfer method's statements and the operator's decisions",
        params: IdParams,
        response: withErrors({ 200: BankStatementList }, 401, 403, 404),
      },
    },
    async (request) => {
      await ownMethod(request);
      const data = await listBankStatements({
        db: db(),
        affiliateId: mine(request),
        paymentMethodId: request.params.id,
      });
      return { data } as never;
    },
  );

  app.post(
    '/payment-methods/:id/bank-statements',
    {
      preValidation: requirePartner({ changesData: true }),
      bodyLimit: 3_000_000,
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'Upload a bank statement to verify my bank transfer method',
        description:
          'The file (PDF, PNG or JPEG, at most 2 MiB) travels base64 in `content_base64`; the method is `pending` until the operator approves or declines it.',
        params: IdParams,
        body: BankStatementBody,
        response: withErrors({ 201: BankStatement }, 401, 403, 404, 422),
      },
    },
    async (request, reply) => {
      const statement = await uploadBankStatement({
        db: db(),
        actor: partnerActor(request),
        dataDir: app.deps.config.dataDir,
        affiliateId: mine(request),
        paymentMethodId: request.params.id,
        fileName: request.body.file_name,
        file: Buffer.from(request.body.content_base64, 'base64'),
      });
      return reply.status(201).send(statement as never);
    },
  );

  app.get(
    '/cash-out-schedules',
    {
      preValidation: requirePartner(),
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'My automatic cash-out schedules (one per currency)',
        description: SCHEDULE_HELP,
        response: withErrors({ 200: ScheduleList }, 401, 403),
      },
    },
    async (request) =>
      ({ data: await listCashOutSchedules({ db: db(), affiliateId: mine(request) }) }) as never,
  );

  app.post(
    '/cash-out-schedules',
    {
      ...secured,
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'Set my automatic cash-out schedule for a currency (replaces that currency’s)',
        description: `${SCHEDULE_HELP} ${TWO_FACTOR}`,
        body: ScheduleBody,
        response: withErrors({ 200: Schedule }, 401, 403, 422),
      },
    },
    async (request) =>
      saveCashOutSchedule({
        db: db(),
        actor: partnerActor(request),
        affiliateId: mine(request),
        input: request.body,
      }) as never,
  );

  app.delete(
    '/cash-out-schedules/:id',
    {
      preValidation: secured.preValidation,
      preHandler: [ownSchedule, requireRecentTwoFactor],
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'Stop my automatic cash-outs in a currency',
        description: TWO_FACTOR,
        params: IdParams,
        response: withErrors({ 204: Type.Null() }, 401, 403, 404),
      },
    },
    async (request, reply) => {
      await deleteCashOutSchedule({
        db: db(),
        actor: partnerActor(request),
        id: request.params.id,
        affiliateId: mine(request),
      });
      return reply.status(204).send(null);
    },
  );
};
