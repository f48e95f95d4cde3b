import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../../core/errors.ts';
import { listCashOuts } from '../../../core/ledger/cash-outs/list-cash-outs.ts';
import { getBalances } from '../../../core/ledger/get-balances.ts';
import { listClosingBalances } from '../../../core/ledger/list-closing-balances.ts';
import { Nullable } from '../../schemas/common.ts';
import {
  AccountParams,
  KeyQuery,
  MSP_TAGS,
  minor,
  mspKey,
  mspSecurity,
  OkList,
  okList,
  PagingQuery,
} from './common.ts';
import { mspErrors } from './errors.ts';
import { payoutStatus } from './transactions.ts';

const Balance = Type.Object({
  id: Type.String({ description: '<account_id>-<currency>: one balance per account and currency' }),
  account_id: Type.Integer(),
  currency: Type.String(),
  amount_available: Type.Integer({ description: 'Minor units the affiliate may be paid' }),
  amount_reserved: Type.Integer({
    description: 'Minor units held: payouts not completed yet and funds on hold',
  }),
  modified: Nullable(Type.String({ format: 'date-time' })),
});

const ClosingBalance = Type.Object({
  account_id: Type.Integer(),
  closing_date: Type.String({ description: 'YYYY-MM-DD (UTC)' }),
  currency: Type.String(),
  amount: Type.Integer({ description: 'The available balance at the end of the day' }),
  amount_uncleared: Type.Integer({
    description: 'The reserved balance (payouts not completed, holds) at the end of the day',
  }),
  iban: Nullable(Type.String({ description: 'The payout bank account (masked)' })),
  bic: Nullable(Type.String()),
  payout_amount: Type.Integer({ description: "The payout made from that day's balance (0 for none)" }),
  payout_transaction_id: Nullable(Type.Integer()),
  status: Type.Union([Type.Literal('completed'), Type.Literal('reserved'), Type.Literal('void')]),
});

const DATE = '^\\d{4}-\\d{2}-\\d{2}$';
const ClosingQuery = Type.Object({
  ...PagingQuery(1000, 100),
  from: Type.Optional(Type.String({ pattern: DATE, format: 'date', description: 'First day, YYYY-MM-DD' })),
  until: Type.Optional(Type.String({ pattern: DATE, format: 'date', description: 'Last day, YYYY-MM-DD' })),
});

const dayOf = (d: Date) => d.toISOString().slice(0, 10);
/** The ledger's kinds MultiSafepay calls uncleared: held, not the affiliate's to be paid yet. */
const UNCLEARED = new Set(['reserved', 'on_hold']);

export const balanceRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const common = { tags: MSP_TAGS, security: mspSecurity };

  app.get(
    '/accounts/:account_id/balances',
    {
      preValidation: mspKey('read'),
      schema: {
        ...common,
        summary: "List affiliate's balances, one per currency",
        description:
          'Every currency the affiliate has had money in. `amount_reserved` is money held: payouts not completed or voided yet, and funds on hold.',
        params: AccountParams,
        querystring: KeyQuery,
        response: { 200: OkList(Balance), ...mspErrors(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const id = request.params.account_id;
      const balances = await getBalances({ db: db(), affiliateId: id });
      return okList(
        balances.map((b) => ({
          id: `${id}-${b.currency}`,
          account_id: id,
          currency: b.currency,
          amount_available: minor(b.available),
          amount_reserved: minor(b.reserved + b.on_hold),
          modified: b.updated_at?.toISOString() ?? null,
        })),
        balances.length,
      );
    },
  );

  app.get(
    '/accounts/:account_id/closing-balances',
    {
      preValidation: mspKey('read'),
      schema: {
        ...common,
        summary: "List affiliate's closing balances, one per currency and day",
        description:
          "One row per currency and day on which the affiliate's money moved (UTC), newest first: the balances at the end of that day as the ledger's nightly close wrote them (a late entry rewrites its day and the ones after), and the payout asked for that day (`payout_transaction_id` is the payout's transaction id; `status` reserved until it completes, void when voided; completed when there was none). Days are closed the night after (the `ledger.close-days` job): today has no row yet. `from`/`until` bound the days; `offset`, `limit` (100, at most 1000).",
        params: AccountParams,
        querystring: ClosingQuery,
        response: { 200: OkList(ClosingBalance), ...mspErrors(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const id = request.params.account_id;
      const { from, until, offset = 0, limit = 100 } = request.query;
      if (from && until && from > until) throw AppError.field('until', 'must be on or after from');
      // From the first day, so a balance that did not move on a day carries over into it.
      const native = await listClosingBalances({
        db: db(),
        affiliateId: id,
        filter: { ...(until ? { until } : {}) },
        limit: 100_000,
        offset: 0,
      });
      const days = [...new Set(native.data.map((r) => `${r.day}|${r.currency}`))].sort();
      const last = new Map<string, bigint>();
      const rows: { day: string; currency: string; available: bigint; uncleared: bigint }[] = [];
      for (const key of days) {
        const [day, currency] = key.split('|') as [string, string];
        for (const r of native.data.filter((x) => x.day === day && x.currency === currency))
          last.set(`${currency}|${r.account}`, r.closing_balance);
        const held = [...UNCLEARED].reduce((s, k) => s + (last.get(`${currency}|${k}`) ?? 0n), 0n);
        rows.push({ day, currency, available: last.get(`${currency}|available`) ?? 0n, uncleared: held });
      }
      const wanted = rows.filter((r) => !from || r.day >= from).reverse();
      const page = wanted.slice(offset, offset + limit);
      const payouts = page.length
        ? (
            await listCashOuts({
              db: db(),
              filter: {},
              affiliateId: id,
              limit: 10_000,
              offset: 0,
            })
          ).data
        : [];
      return okList(
        page.map((r) => {
          const payout = payouts.find((p) => p.currency === r.currency && dayOf(p.created_at) === r.day);
          const details = (payout?.payment_details ?? {}) as { iban?: string; bic?: string };
          return {
            account_id: id,
            closing_date: r.day,
            currency: r.currency,
            amount: minor(r.available),
            amount_uncleared: minor(r.uncleared),
            iban: details.iban ?? null,
            bic: details.bic ?? null,
            payout_amount: payout ? minor(payout.amount) : 0,
            payout_transaction_id: payout?.id ?? null,
            status: payout ? payoutStatus(payout.status) : ('completed' as const),
          };
        }),
        wanted.length,
      );
    },
  );
};
