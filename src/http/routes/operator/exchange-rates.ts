import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { convertAmount } from '../../../core/reference/convert-amount.ts';
import { getExchangeRate } from '../../../core/reference/get-exchange-rate.ts';
import { listExchangeRates } from '../../../core/reference/list-exchange-rates.ts';
import { loadExchangeRates, MAX_RATES_PER_LOAD } from '../../../core/reference/load-exchange-rates.ts';
import { actorOf } from '../../actor.ts';
import { operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import { ListOf, listPage, pageOf, withErrors } from '../../schemas/common.ts';
import {
  Conversion,
  ConvertQuery,
  ExchangeRate,
  LoadRatesBody,
  LoadRatesResult,
  ON_OR_BEFORE,
  RatesQuery,
  ResolvedRate,
  ResolveQuery,
} from '../../schemas/exchange-rates.ts';

export const exchangeRateRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const tags = ['exchange rates'];

  app.post(
    '/exchange-rates',
    {
      // Rates are loaded by integrations (write) and by finance staff (finance).
      preValidation: requireOperator(['write', 'finance']),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Load daily exchange rates',
        description: `Upserts up to ${MAX_RATES_PER_LOAD} rates in one transaction: all of them or, when any row is invalid, none (the 422 names each bad field, e.g. \`rates[3].rate\`). A rate says 1 \`base\` = \`rate\` \`quote\` on \`date\`; one row per pair and day, so sending a day again replaces its rate. Loading the same rates twice changes nothing: the counts tell what was inserted, updated and unchanged. Needs the \`write\` or \`finance\` scope.\n\n${ON_OR_BEFORE}`,
        body: LoadRatesBody,
        response: withErrors({ 200: LoadRatesResult }, 401, 403, 422),
      },
    },
    async (request) => loadExchangeRates({ db: db(), actor: actorOf(request), rates: request.body.rates }),
  );

  app.get(
    '/exchange-rates',
    {
      preValidation: requireOperator('read'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'List stored exchange rates',
        description:
          'The rows as loaded, newest date first, filtered by pair and date range. Use `/exchange-rates/rate` for the rate that applies on a day.',
        querystring: RatesQuery,
        response: withErrors({ 200: ListOf(ExchangeRate) }, 401, 403, 422),
      },
    },
    async (request) => {
      const { page_size: _size, ...filter } = request.query;
      const page = pageOf(request.query);
      return listPage(
        page,
        await listExchangeRates(db(), { ...filter, page: page.page, pageSize: page.page_size }),
      );
    },
  );

  app.get(
    '/exchange-rates/rate',
    {
      preValidation: requireOperator('read'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Get the exchange rate of a day',
        description: `${ON_OR_BEFORE}\n\nWhen only quote->base is stored its inverse is used; when neither direction is stored the rate is crossed through a currency that both have rates with (the one whose rows are the most recent; on a tie USD, then EUR). The answer names the method and the stored rows used, with their dates.`,
        querystring: ResolveQuery,
        response: withErrors({ 200: ResolvedRate }, 401, 403, 404, 422),
      },
    },
    async (request) => getExchangeRate(db(), request.query),
  );

  app.get(
    '/exchange-rates/convert',
    {
      preValidation: requireOperator('read'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Convert an amount between currencies',
        description: `Converts integer minor units of \`from\` into minor units of \`to\` at the rate of \`date\`, respecting each currency's minor unit (EUR 2 decimals, JPY 0, BTC 8) and rounding half-even (bankers').\n\n${ON_OR_BEFORE}`,
        querystring: ConvertQuery,
        response: withErrors({ 200: Conversion }, 401, 403, 404, 422),
      },
    },
    async (request) => convertAmount(db(), { ...request.query, amount: BigInt(request.query.amount) }),
  );
};
