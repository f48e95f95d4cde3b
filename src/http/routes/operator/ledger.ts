import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { chargeAffiliate } from '../../../core/ledger/charge-affiliate.ts';
import { convertBalance } from '../../../core/ledger/convert-balance.ts';
import { correctBalance } from '../../../core/ledger/correct-balance.ts';
import { fundAffiliate } from '../../../core/ledger/fund-affiliate.ts';
import { getBalances } from '../../../core/ledger/get-balances.ts';
import { listBalanceTransactions } from '../../../core/ledger/list-balance-transactions.ts';
import { listClosingBalances } from '../../../core/ledger/list-closing-balances.ts';
import type { PostedEntry } from '../../../core/ledger/post-entry.ts';
import { actorOf } from '../../actor.ts';
import { operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import { IdParams, listPage, pageOf, withErrors } from '../../schemas/common.ts';
import {
  BalanceList,
  BalanceTransactionPage,
  ClosingBalancePage,
  ClosingQuery,
  CorrectionBody,
  Entry,
  FxBody,
  IDEMPOTENCY_HELP,
  IdempotencyHeaders,
  LEDGER_HELP,
  MoneyBody,
  TransactionQuery,
} from '../../schemas/ledger.ts';

const date = (v?: string) => (v === undefined ? undefined : new Date(v));

/** A replay answers what the first call answered, and says so in a header. */
export function sendPosted(reply: FastifyReply, posted: PostedEntry) {
  if (posted.replayed) reply.header('idempotent-replayed', 'true');
  return reply.status(201).send(posted.entry as never);
}

export const ledgerRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const tags = ['balances and ledger'];
  const read = { preValidation: requireOperator('read') };
  const finance = { preValidation: requireOperator('finance') };

  app.get(
    '/affiliates/:id/balances',
    {
      ...read,
      schema: {
        tags,
        security: operatorSecurity,
        summary: "An affiliate's balances per currency, with totals to date",
        description: LEDGER_HELP,
        params: IdParams,
        response: withErrors({ 200: BalanceList }, 401, 403, 404),
      },
    },
    async (request) => {
      return { data: await getBalances({ db: db(), affiliateId: request.params.id }) } as never;
    },
  );

  app.get(
    '/affiliates/:id/balance-transactions',
    {
      ...read,
      schema: {
        tags,
        security: operatorSecurity,
        summary: "Changes to an affiliate's balance, newest first",
        description: `${LEDGER_HELP} Filters: type, added or subtracted, currency, the size of the change (amount_min, amount_max), dates; one balance (available by default).`,
        params: IdParams,
        querystring: TransactionQuery,
        response: withErrors({ 200: BalanceTransactionPage }, 401, 403, 404, 422),
      },
    },
    async (request) => {
      const q = request.query;
      const page = pageOf(q);
      const result = await listBalanceTransactions({
        db: db(),
        affiliateId: request.params.id,
        filter: { ...q, from: date(q.from), to: date(q.to) },
        limit: page.limit,
        offset: page.offset,
      });
      return listPage(page, result) as never;
    },
  );

  app.get(
    '/affiliates/:id/closing-balances',
    {
      ...read,
      schema: {
        tags,
        security: operatorSecurity,
        summary: "An affiliate's closing balances per day, balance and currency",
        description:
          "Written every night for the day before (UTC) by the `ledger.close-days` job, and again for any day an entry reached after it was closed. A day without a row closed at the previous row's balance.",
        params: IdParams,
        querystring: ClosingQuery,
        response: withErrors({ 200: ClosingBalancePage }, 401, 403, 404, 422),
      },
    },
    async (request) => {
      const page = pageOf(request.query);
      const result = await listClosingBalances({
        db: db(),
        affiliateId: request.params.id,
        filter: request.query,
        limit: page.limit,
        offset: page.offset,
      });
      return listPage(page, result) as never;
    },
  );

  const operations = [
    {
      path: '/affiliates/:id/funds',
      summary: "Fund an affiliate: the operator's money to its available balance",
      run: fundAffiliate,
      body: MoneyBody,
    },
    {
      path: '/affiliates/:id/charges',
      summary: "Charge an affiliate: from its available balance to the operator's",
      run: chargeAffiliate,
      body: MoneyBody,
    },
  ] as const;
  for (const op of operations) {
    app.post(
      op.path,
      {
        ...finance,
        schema: {
          tags,
          security: operatorSecurity,
          summary: op.summary,
          description: `${IDEMPOTENCY_HELP} \`amount\` more than 0; \`description\` (2 to 512 characters) is shown to the affiliate. A charge the available balance does not cover is a 409 \`insufficient_funds\`. Needs the \`finance\` scope.`,
          params: IdParams,
          headers: IdempotencyHeaders,
          body: op.body,
          response: withErrors({ 201: Entry }, 401, 403, 404, 409, 422),
        },
      },
      async (request, reply) =>
        sendPosted(
          reply,
          await op.run({
            db: db(),
            actor: actorOf(request),
            affiliateId: request.params.id,
            input: request.body,
            idempotencyKey: request.headers['idempotency-key'],
          }),
        ),
    );
  }

  app.post(
    '/affiliates/:id/corrections',
    {
      ...finance,
      schema: {
        tags,
        security: operatorSecurity,
        summary: "A manual correction of an affiliate's available balance",
        description: `${IDEMPOTENCY_HELP} A positive \`amount\` adds, a negative one subtracts (never below zero: 409 \`insufficient_funds\`); the \`reason\` (2 to 512 characters) is shown to the affiliate and the correction is in its events log. Needs the \`finance\` scope.`,
        params: IdParams,
        headers: IdempotencyHeaders,
        body: CorrectionBody,
        response: withErrors({ 201: Entry }, 401, 403, 404, 409, 422),
      },
    },
    async (request, reply) => {
      const { reason, ...rest } = request.body;
      return sendPosted(
        reply,
        await correctBalance({
          db: db(),
          actor: actorOf(request),
          affiliateId: request.params.id,
          input: { ...rest, description: reason },
          idempotencyKey: request.headers['idempotency-key'],
        }),
      );
    },
  );

  app.post(
    '/affiliates/:id/conversions',
    {
      ...finance,
      schema: {
        tags,
        security: operatorSecurity,
        summary: "Convert between two of an affiliate's balances (FX)",
        description: `${IDEMPOTENCY_HELP} Takes \`amount\` from the available balance in from_currency and credits the converted amount (rounded half-even) in to_currency, through the operator's FX accounts; the entry records the rate (given, or today's stored rate: 404 when there is none). Needs the \`finance\` scope.`,
        params: IdParams,
        headers: IdempotencyHeaders,
        body: FxBody,
        response: withErrors({ 201: Entry }, 401, 403, 404, 409, 422),
      },
    },
    async (request, reply) =>
      sendPosted(
        reply,
        await convertBalance({
          db: db(),
          actor: actorOf(request),
          affiliateId: request.params.id,
          input: request.body,
          idempotencyKey: request.headers['idempotency-key'],
        }),
      ),
  );
};
