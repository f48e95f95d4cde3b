import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { getCurrency } from '../../../core/reference/get-currency.ts';
import { listCurrencies } from '../../../core/reference/list-currencies.ts';
import { setCurrencyEnabled } from '../../../core/reference/set-currency-enabled.ts';
import { actorOf } from '../../actor.ts';
import { operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import { withErrors } from '../../schemas/common.ts';

export const Currency = Type.Object(
  {
    code: Type.String({ description: 'ISO 4217 code, or the ticker of a crypto currency (BTC, USDT)' }),
    numeric: Type.Union([Type.String(), Type.Null()], { description: 'ISO 4217 numeric code' }),
    name: Type.String(),
    minor_unit: Type.Integer({
      minimum: 0,
      maximum: 8,
      description: 'Decimals of the minor unit: amounts are integers of 10^-minor_unit (EUR 2, JPY 0, BTC 8)',
    }),
    is_crypto: Type.Boolean(),
    enabled: Type.Boolean({ description: 'Disabled currencies cannot be chosen for accounts or plans' }),
  },
  { $id: 'Currency' },
);

const CodeParams = Type.Object({ code: Type.String({ minLength: 1, maxLength: 10 }) });

export const currencyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const tags = ['reference data'];

  app.get(
    '/currencies',
    {
      preValidation: requireOperator('read'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'List currencies',
        description:
          'All ISO 4217 currencies in use and the supported crypto currencies, with the minor-unit exponent that every amount in that currency is counted in.',
        querystring: Type.Object({
          enabled: Type.Optional(
            Type.Boolean({ description: 'Only enabled (true) or disabled (false) ones' }),
          ),
          crypto: Type.Optional(Type.Boolean({ description: 'Only crypto (true) or fiat (false) ones' })),
        }),
        response: withErrors({ 200: Type.Object({ data: Type.Array(Currency) }) }, 401, 403, 422),
      },
    },
    async (request) => ({ data: await listCurrencies(db(), request.query) }),
  );

  app.get(
    '/currencies/:code',
    {
      preValidation: requireOperator('read'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Get a currency',
        description: 'The code is matched case-insensitively.',
        params: CodeParams,
        response: withErrors({ 200: Currency }, 401, 403, 404),
      },
    },
    async (request) => getCurrency(db(), request.params.code),
  );

  app.patch(
    '/currencies/:code',
    {
      preValidation: requireOperator('admin'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Offer a currency, or stop offering it',
        description:
          'A disabled currency cannot be chosen anew (brands, affiliates, reports, plans); what already uses it keeps it. Crypto currencies are offered only while enabled.',
        params: CodeParams,
        body: Type.Object({ enabled: Type.Boolean() }, { additionalProperties: false }),
        response: withErrors({ 200: Currency }, 401, 403, 404, 422),
      },
    },
    async (request) =>
      setCurrencyEnabled({
        db: db(),
        actor: actorOf(request),
        code: request.params.code,
        enabled: request.body.enabled,
      }),
  );
};
