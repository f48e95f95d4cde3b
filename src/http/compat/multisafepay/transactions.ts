import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../../core/errors.ts';
import { requestCashOut } from '../../../core/ledger/cash-outs/request-cash-out.ts';
import { chargeAffiliate } from '../../../core/ledger/charge-affiliate.ts';
import { fundAffiliate } from '../../../core/ledger/fund-affiliate.ts';
import { listPaymentMethods } from '../../../core/ledger/wallet/list-payment-methods.ts';
import type { CashOutStatus } from '../../../db/tables/ledger.ts';
import { actorOf } from '../../actor.ts';
import { Nullable } from '../../schemas/common.ts';
import { AccountParams, KeyQuery, MSP_TAGS, minor, mspKey, mspSecurity, Ok, ok } from './common.ts';
import { mspErrors } from './errors.ts';

/** A native cash-out's status as MultiSafepay's payout status: reserved until completed or voided. */
export function payoutStatus(status: CashOutStatus): 'reserved' | 'completed' | 'void' {
  return status === 'pending' ? 'reserved' : status === 'success' ? 'completed' : 'void';
}

const Var = Type.Optional(Type.String({ maxLength: 1000 }));
const Body = Type.Object(
  {
    amount: Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER, description: 'Minor units' }),
    currency: Type.String({ maxLength: 3, minLength: 3, examples: ['EUR'] }),
    description: Type.String({ minLength: 2, maxLength: 512 }),
    order_id: Type.String({
      minLength: 1,
      maxLength: 128,
      description: 'Your unique reference: the call is applied once per order_id',
    }),
    var1: Var,
    var2: Var,
    var3: Var,
  },
  { additionalProperties: false },
);
const PayoutBody = Type.Object(
  {
    ...Body.properties,
    bankaccount_id: Type.Optional(
      Type.String({
        maxLength: 12,
        pattern: '^[1-9][0-9]{0,9}$',
        description: 'Affluent: which verified bank account (the oldest by default)',
      }),
    ),
  },
  { additionalProperties: false },
);

const Transaction = Type.Object({
  transaction_id: Type.Integer(),
  order_id: Type.String(),
  account_id: Type.Integer(),
  type: Type.Union([Type.Literal('charge'), Type.Literal('fund'), Type.Literal('payout')]),
  amount: Type.Integer({ description: 'Minor units' }),
  currency: Type.String(),
  description: Type.String(),
  var1: Nullable(Type.String()),
  var2: Nullable(Type.String()),
  var3: Nullable(Type.String()),
  status: Type.Union([Type.Literal('completed'), Type.Literal('reserved'), Type.Literal('void')]),
  bankaccount_id: Nullable(Type.String({ description: 'Payouts: the bank account paid to' })),
  created: Type.String({ format: 'date-time' }),
});

type Input = {
  amount: number;
  currency: string;
  description: string;
  order_id: string;
  var1?: string;
  var2?: string;
  var3?: string;
};
const echo = (input: Input) => ({
  order_id: input.order_id,
  description: input.description,
  var1: input.var1 ?? null,
  var2: input.var2 ?? null,
  var3: input.var3 ?? null,
});

const IDEMPOTENT =
  'Idempotent by `order_id`: the same order_id with the same body applies once and answers the same transaction (header `idempotent-replayed: true`); with another body it is a 422 naming order_id. `description` 2 to 512 characters; `amount` in minor units, more than 0.';

export const transactionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const common = { tags: MSP_TAGS, security: mspSecurity };
  const money = [
    {
      path: '/accounts/:account_id/charges',
      type: 'charge' as const,
      run: chargeAffiliate,
      summary: "Charge affiliate: from its balance to the partner's",
      more: 'A charge the available balance does not cover is a 422 on amount, and nothing is charged.',
    },
    {
      path: '/accounts/:account_id/funds',
      type: 'fund' as const,
      run: fundAffiliate,
      summary: "Fund affiliate: from the partner's balance to the affiliate's",
      more: '',
    },
  ];
  for (const op of money) {
    app.post(
      op.path,
      {
        preValidation: mspKey('finance'),
        schema: {
          ...common,
          summary: op.summary,
          description: `${IDEMPOTENT} ${op.more} Needs the \`finance\` scope.`,
          params: AccountParams,
          querystring: KeyQuery,
          body: Body,
          response: { 200: Ok(Transaction), ...mspErrors(401, 403, 404, 422) },
        },
      },
      async (request, reply) => {
        const { account_id } = request.params;
        const posted = await op.run({
          db: db(),
          actor: actorOf(request),
          affiliateId: account_id,
          input: request.body,
        });
        if (posted.replayed) reply.header('idempotent-replayed', 'true');
        return ok({
          transaction_id: posted.entry.id,
          account_id,
          type: op.type,
          amount: request.body.amount,
          currency: request.body.currency.toUpperCase(),
          ...echo(request.body),
          status: 'completed' as const,
          bankaccount_id: null,
          created: posted.entry.created_at.toISOString(),
        });
      },
    );
  }

  app.post(
    '/accounts/:account_id/payouts',
    {
      preValidation: mspKey('finance'),
      schema: {
        ...common,
        summary: 'Payout affiliate: from its balance to its verified bank account',
        description: `${IDEMPOTENT} The amount is reserved at once (\`status\` reserved; it leaves \`amount_available\` for \`amount_reserved\`) and stays so until the payout completes (the operator marks the cash-out paid: completed) or is voided (cancelled or refunded: void, back in the balance). It pays to the account's oldest verified bank account, or \`bankaccount_id\`'s; none verified is a 422. An amount over the available balance is a 422 on amount and reserves nothing. It is the affiliate's native cash-out (bank_transfer), in the back office's queue. Needs the \`finance\` scope.`,
        params: AccountParams,
        querystring: KeyQuery,
        body: PayoutBody,
        response: { 200: Ok(Transaction), ...mspErrors(401, 403, 404, 422) },
      },
    },
    async (request, reply) => {
      const { account_id } = request.params;
      const { bankaccount_id, ...input } = request.body;
      const methods = await listPaymentMethods({ db: db(), affiliateId: account_id });
      const bank = methods.find(
        (m) =>
          m.type === 'bank_transfer' &&
          m.verification === 'approved' &&
          (bankaccount_id === undefined || String(m.id) === bankaccount_id),
      );
      if (!bank)
        throw AppError.field(
          'bankaccount_id',
          bankaccount_id === undefined
            ? 'the account has no verified bank account to pay out to'
            : 'is not a verified bank account of this account',
        );
      const { cashOut, replayed } = await requestCashOut({
        db: db(),
        actor: actorOf(request),
        affiliateId: account_id,
        input: { ...input, payment_method_id: bank.id },
        idempotencyKey: input.order_id,
        jobs: app.deps.jobs,
      });
      if (replayed) reply.header('idempotent-replayed', 'true');
      return ok({
        transaction_id: cashOut.id,
        account_id,
        type: 'payout' as const,
        amount: minor(cashOut.amount),
        currency: cashOut.currency,
        ...echo(input),
        status: payoutStatus(cashOut.status),
        bankaccount_id: cashOut.payment_method_id === null ? null : String(cashOut.payment_method_id),
        created: cashOut.created_at.toISOString(),
      });
    },
  );
};
