import { Type } from 'typebox';
import { MAX_RATES_PER_LOAD } from '../../core/reference/load-exchange-rates.ts';
import { PageQuery, StringEnum, Timestamp } from './common.ts';

const isoDate = (description = 'A day as YYYY-MM-DD') => Type.String({ format: 'date', description });
const decimalText = (description = 'A decimal as a string, e.g. "1.0834"') => Type.String({ description });
const minorUnits = (description = 'Integer minor units') =>
  Type.Unsafe<bigint>({ type: 'integer', description });
const CurrencyCode = Type.String({ minLength: 1, maxLength: 10, description: 'A currency code, e.g. EUR' });

export const ON_OR_BEFORE = `The rate of a day is the latest rate stored **on or before** that day: rates are loaded for
working days, so a weekend or holiday uses the last one before it, and a day before the first stored
rate has none (404).`;

export const ExchangeRate = Type.Object(
  {
    base: Type.String(),
    quote: Type.String(),
    date: isoDate(),
    rate: decimalText('1 base = rate quote'),
    source: Type.Union([Type.String(), Type.Null()]),
    created_at: Timestamp,
    updated_at: Timestamp,
  },
  { $id: 'ExchangeRate' },
);

const RateLeg = Type.Object({
  base: Type.String(),
  quote: Type.String(),
  date: isoDate(),
  rate: decimalText(),
  source: Type.Union([Type.String(), Type.Null()]),
});

export const ResolvedRate = Type.Object(
  {
    base: Type.String(),
    quote: Type.String(),
    date: isoDate('The day asked for'),
    rate: decimalText('1 base = rate quote; computed ones keep 20 significant digits'),
    method: StringEnum(['identity', 'direct', 'inverse', 'cross'] as const, {
      description:
        'identity: same currency (rate 1); direct: a stored base->quote row; inverse: 1 / a stored quote->base row; cross: through the common currency `via`',
    }),
    via: Type.Union([Type.String(), Type.Null()], { description: 'The common currency of a cross rate' }),
    effective_date: isoDate('The oldest date among the stored rows used'),
    legs: Type.Array(RateLeg, { description: 'The stored rows the rate was computed from' }),
  },
  { $id: 'ResolvedRate' },
);

export const LoadRatesBody = Type.Object(
  {
    rates: Type.Array(
      Type.Object(
        {
          base: CurrencyCode,
          quote: CurrencyCode,
          date: isoDate(),
          rate: Type.Union([Type.String({ maxLength: 60 }), Type.Number()], {
            description: '1 base = rate quote: a positive decimal, best sent as a string ("1.0834")',
          }),
          source: Type.Optional(
            Type.Union([Type.String({ maxLength: 100 }), Type.Null()], {
              description: 'Where the rate comes from, e.g. "ecb"',
            }),
          ),
        },
        { additionalProperties: false },
      ),
      { minItems: 1, maxItems: MAX_RATES_PER_LOAD },
    ),
  },
  { additionalProperties: false },
);

export const LoadRatesResult = Type.Object({
  received: Type.Integer(),
  inserted: Type.Integer({ description: 'New (pair, date) rows' }),
  updated: Type.Integer({ description: 'Rows whose rate or source changed' }),
  unchanged: Type.Integer({ description: 'Rows already stored as sent' }),
});

export const RatesQuery = Type.Object({
  base: Type.Optional(CurrencyCode),
  quote: Type.Optional(CurrencyCode),
  from: Type.Optional(isoDate('First rate date, inclusive')),
  until: Type.Optional(isoDate('Last rate date, inclusive')),
  ...PageQuery,
});

export const ResolveQuery = Type.Object({
  base: CurrencyCode,
  quote: CurrencyCode,
  date: Type.Optional(isoDate('Today (UTC) when absent')),
});

export const ConvertQuery = Type.Object({
  amount: Type.String({
    pattern: '^-?[0-9]{1,19}$',
    description: 'Integer minor units of `from` (1234 EUR = 12.34 EUR)',
  }),
  from: CurrencyCode,
  to: CurrencyCode,
  date: Type.Optional(isoDate('Today (UTC) when absent')),
});

export const Conversion = Type.Object({
  amount: minorUnits(),
  from: Type.String(),
  to: Type.String(),
  converted_amount: minorUnits('Minor units of `to`, rounded half-even'),
  exchange_rate: ResolvedRate,
});
