import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { cancelCashOut } from '../../../core/ledger/cash-outs/cancel-cash-out.ts';
import { CASH_OUT_LIMITS } from '../../../core/ledger/cash-outs/cash-out-limits.ts';
import { getCashOut } from '../../../core/ledger/cash-outs/get-cash-out.ts';
import { listCashOuts } from '../../../core/ledger/cash-outs/list-cash-outs.ts';
import { requestCashOut } from '../../../core/ledger/cash-outs/request-cash-out.ts';
import { getBalances } from '../../../core/ledger/get-balances.ts';
import { listBalanceTransactions } from '../../../core/ledger/list-balance-transactions.ts';
import { listClosingBalances } from '../../../core/ledger/list-closing-balances.ts';
import {
  partnerActor,
  partnerSecurity,
  requirePartner,
  requireRecentTwoFactor,
} from '../../plugins/partner-auth.ts';
import { listPage, pageOf, withErrors } from '../../schemas/common.ts';
import {
  BalanceList,
  BalanceTransactionPage,
  CASH_OUT_HELP,
  CashOut,
  CashOutPage,
  CashOutQuery,
  ClosingBalancePage,
  ClosingQuery,
  IdempotencyHeaders,
  ReasonBody,
  TransactionQuery,
} from '../../schemas/ledger.ts';

const CashOutParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER }) });
const date = (v?: string) => (v === undefined ? undefined : new Date(v));
const LIMITS = Object.entries(CASH_OUT_LIMITS)
  .map(([method, { min, max }]) => `${method} ${min}-${max}`)
  .join(', ');

export const partnerWalletRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const tags = ['portal: wallet'];
  const mine = (request: { partner: { affiliate: { id: number } } | null }) => request.partner!.affiliate.id;

  app.get(
    '/balances',
    {
      preValidation: requirePartner(),
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'My balances per currency: available, reserved, on hold, and totals to date',
        response: withErrors({ 200: BalanceList }, 401, 403),
      },
    },
    async (request) => ({ data: await getBalances({ db: db(), affiliateId: mine(request) }) }) as never,
  );

  app.get(
    '/balance-transactions',
    {
      preValidation: requirePartner(),
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'Changes to my balance, newest first',
        description:
          'Filter by type (bill, correction, cash_out, refund, payment: every cash-out step and payout, ...), added or subtracted, currency, the size of the change and dates.',
        querystring: TransactionQuery,
        response: withErrors({ 200: BalanceTransactionPage }, 401, 403, 422),
      },
    },
    async (request) => {
      const q = request.query;
      const page = pageOf(q);
      const result = await listBalanceTransactions({
        db: db(),
        affiliateId: mine(request),
        filter: { ...q, from: date(q.from), to: date(q.to) },
        limit: page.limit,
        offset: page.offset,
      });
      return listPage(page, result) as never;
    },
  );

  app.get(
    '/closing-balances',
    {
      preValidation: requirePartner(),
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'My closing balances per day',
        querystring: ClosingQuery,
        response: withErrors({ 200: ClosingBalancePage }, 401, 403, 422),
      },
    },
    async (request) => {
      const page = pageOf(request.query);
      const result = await listClosingBalances({
        db: db(),
        affiliateId: mine(request),
        filter: request.query,
        limit: page.limit,
        offset: page.offset,
      });
      return listPage(page, result) as never;
    },
  );

  app.get(
    '/cash-outs',
    {
      preValidation: requirePartner(),
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'My cash-outs, newest first',
        description: CASH_OUT_HELP,
        querystring: Type.Object(CashOutQuery, { additionalProperties: false }),
        response: withErrors({ 200: CashOutPage }, 401, 403, 422),
      },
    },
    async (request) => {
      const q = request.query;
      const page = pageOf(q);
      const result = await listCashOuts({
        db: db(),
        affiliateId: mine(request),
        filter: { ...q, from: date(q.from), to: date(q.to) },
        limit: page.limit,
        offset: page.offset,
      });
      return listPage(page, result) as never;
    },
  );

  app.get(
    '/cash-outs/:id',
    {
      preValidation: requirePartner(),
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'One of my cash-outs with its changes',
        params: CashOutParams,
        response: withErrors({ 200: CashOut }, 401, 403, 404),
      },
    },
    async (request) => getCashOut({ db: db(), id: request.params.id, affiliateId: mine(request) }) as never,
  );

  app.post(
    '/cash-outs',
    {
      preValidation: requirePartner({ changesData: true, session: true }),
      preHandler: requireRecentTwoFactor,
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'Withdraw: ask to be paid from my available balance',
        description: `${CASH_OUT_HELP} Needs a portal session that confirmed a two-factor code recently. \`method\` is the account's payment method (its own by default); the amount (minor units) must be within the method's limits, in major units of the currency: ${LIMITS}, and at most the available balance (409 \`insufficient_funds\`). With an \`Idempotency-Key\` header the same request answers the same cash-out.`,
        headers: IdempotencyHeaders,
        body: Type.Object(
          {
            currency: Type.String({ maxLength: 10 }),
            amount: Type.Integer({ minimum: -Number.MAX_SAFE_INTEGER, maximum: Number.MAX_SAFE_INTEGER }),
            method: Type.Optional(Type.String({ maxLength: 40 })),
            payment_method_id: Type.Optional(
              Type.Integer({
                minimum: 1,
                maximum: 2_147_483_647,
                description: 'One of my wallet payment methods: its details are copied into the cash-out',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 201: CashOut }, 401, 403, 409, 422),
      },
    },
    async (request, reply) => {
      const result = await requestCashOut({
        db: db(),
        actor: partnerActor(request),
        affiliateId: mine(request),
        input: request.body,
        idempotencyKey: request.headers['idempotency-key'],
        jobs: app.deps.jobs,
      });
      if (result.replayed) reply.header('idempotent-replayed', 'true');
      return reply.status(201).send(result.cashOut as never);
    },
  );

  app.post(
    '/cash-outs/:id/cancel',
    {
      preValidation: requirePartner({ changesData: true }),
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'Cancel my pending cash-out: its amount is available again',
        params: CashOutParams,
        body: Type.Optional(ReasonBody),
        response: withErrors({ 200: CashOut }, 401, 403, 404, 409, 422),
      },
    },
    async (request) =>
      cancelCashOut({
        db: db(),
        actor: partnerActor(request),
        id: request.params.id,
        affiliateId: mine(request),
        reason: request.body?.reason ?? null,
        jobs: app.deps.jobs,
      }) as never,
  );
};
