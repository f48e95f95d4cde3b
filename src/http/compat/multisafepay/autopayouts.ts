import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../../core/errors.ts';
import {
  listCashOutSchedules,
  type ScheduleView,
} from '../../../core/ledger/schedules/list-cash-out-schedules.ts';
import { saveCashOutSchedule } from '../../../core/ledger/schedules/save-cash-out-schedule.ts';
import { listPaymentMethods } from '../../../core/ledger/wallet/list-payment-methods.ts';
import { actorOf } from '../../actor.ts';
import { StringEnum } from '../../schemas/common.ts';
import { withVendorFieldNames } from '../field-names.ts';
import {
  AccountParams,
  KeyQuery,
  MSP_TAGS,
  minor,
  mspKey,
  mspSecurity,
  Ok,
  OkList,
  ok,
  okList,
} from './common.ts';
import { mspErrors } from './errors.ts';

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const END_OF_MONTH = 'end-of-month' as const;
const Day = StringEnum([...DAYS, END_OF_MONTH] as const);

const AutoPayout = Type.Object({
  account_id: Type.Integer(),
  currency: Type.String(),
  schedule: Type.Array(Day, { description: 'Weekdays (mon..sun) or ["end-of-month"]' }),
  bankaccount_id: Type.String(),
  min_amount: Type.Integer({ description: 'Minor units: pay out only when the balance exceeds it' }),
  min_balance_amount: Type.Integer({ description: 'Minor units kept in the balance (a reserve)' }),
  enabled: Type.Boolean({ description: 'Affluent: false when switched off in the back office' }),
  modified: Type.String({ format: 'date-time' }),
});

const Body = Type.Object(
  {
    schedule: Type.Array(Day, { minItems: 1, maxItems: 7, uniqueItems: true }),
    bankaccount_id: Type.Optional(Type.String({ maxLength: 12, pattern: '^[1-9][0-9]{0,9}$' })),
    min_amount: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })),
    min_balance_amount: Type.Optional(Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER })),
  },
  { additionalProperties: false },
);
const CurrencyParams = Type.Object({
  ...AccountParams.properties,
  currency: Type.String({ minLength: 3, maxLength: 3, pattern: '^[A-Za-z]{3}$' }),
});

/** Native schedules as MultiSafepay's: weekdays by name, the dates rule on the 31st as end of month. */
function autoPayout(s: ScheduleView) {
  const schedule: (typeof DAYS)[number][] | (typeof END_OF_MONTH)[] =
    s.frequency === 'weekdays'
      ? s.weekdays.map((d) => DAYS[d - 1]!)
      : s.frequency === 'daily'
        ? [...DAYS]
        : s.frequency === 'dates' && s.month_days.length === 1 && s.month_days[0] === 31
          ? [END_OF_MONTH]
          : [];
  return {
    account_id: s.affiliate_id,
    currency: s.currency,
    schedule,
    bankaccount_id: String(s.payment_method_id),
    min_amount: minor(s.min_amount),
    min_balance_amount: minor(s.reserve_amount),
    enabled: s.enabled,
    modified: s.updated_at.toISOString(),
  };
}

const MAX = Number.MAX_SAFE_INTEGER;

export const autoPayoutRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const common = { tags: MSP_TAGS, security: mspSecurity };
  const rules =
    'One setting per currency, run by the daily automatic cash-out job: on each day of `schedule` (weekdays, or `end-of-month`: the last day of each month) it pays out the available balance above `min_balance_amount` when that exceeds `min_amount`, to the bank account. At most one automatic payout per account, currency and date.';

  app.get(
    '/accounts/:account_id/autopayouts',
    {
      preValidation: mspKey('read'),
      schema: {
        ...common,
        summary: 'List auto payouts, one per currency',
        description: `${rules} A schedule set in the back office that MultiSafepay cannot name (the 1st of the month, other dates) shows an empty \`schedule\`.`,
        params: AccountParams,
        querystring: KeyQuery,
        response: { 200: OkList(AutoPayout), ...mspErrors(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const list = await listCashOutSchedules({ db: db(), affiliateId: request.params.account_id });
      return okList(list.map(autoPayout), list.length);
    },
  );

  app.get(
    '/accounts/:account_id/autopayouts/:currency',
    {
      preValidation: mspKey('read'),
      schema: {
        ...common,
        summary: "Get auto payout: one currency's setting",
        description: `${rules} 404 when the currency has none.`,
        params: CurrencyParams,
        querystring: KeyQuery,
        response: { 200: Ok(AutoPayout), ...mspErrors(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const { account_id, currency } = request.params;
      const list = await listCashOutSchedules({ db: db(), affiliateId: account_id });
      const found = list.find((s) => s.currency === currency.toUpperCase());
      if (!found) throw AppError.notFound(`auto payout in ${currency.toUpperCase()}`);
      return ok(autoPayout(found));
    },
  );

  app.post(
    '/accounts/:account_id/autopayouts/:currency',
    {
      preValidation: mspKey('finance'),
      schema: {
        ...common,
        summary: "Set auto payout: one currency's setting (replaces it)",
        description: `${rules} \`schedule\` is weekdays (\`["mon", "thu"]\`) or \`["end-of-month"]\`, not both; \`bankaccount_id\` one of the account's bank accounts (its oldest verified one when left out); \`min_amount\` and \`min_balance_amount\` 0 when left out. Saving switches it on. Needs the \`finance\` scope.`,
        params: CurrencyParams,
        querystring: KeyQuery,
        body: Body,
        response: { 200: Ok(AutoPayout), ...mspErrors(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const { account_id, currency } = request.params;
      const body = request.body;
      const monthly = (body.schedule as string[]).includes(END_OF_MONTH);
      if (monthly && body.schedule.length > 1)
        throw AppError.field('schedule', 'is either weekdays or ["end-of-month"], not both');
      let methodId = body.bankaccount_id === undefined ? undefined : Number(body.bankaccount_id);
      if (methodId === undefined) {
        const methods = await listPaymentMethods({ db: db(), affiliateId: account_id });
        const bank = methods.find((m) => m.type === 'bank_transfer' && m.verification === 'approved');
        if (!bank)
          throw AppError.field('bankaccount_id', 'the account has no verified bank account: name one');
        methodId = bank.id;
      }
      const saved = await withVendorFieldNames(
        {
          payment_method_id: 'bankaccount_id',
          reserve_amount: 'min_balance_amount',
          weekdays: 'schedule',
          month_days: 'schedule',
        },
        () =>
          saveCashOutSchedule({
            db: db(),
            actor: actorOf(request),
            affiliateId: account_id,
            input: {
              currency,
              payment_method_id: methodId,
              frequency: monthly ? 'dates' : 'weekdays',
              weekdays: monthly ? [] : body.schedule.map((d) => DAYS.indexOf(d as (typeof DAYS)[number]) + 1),
              month_days: monthly ? [31] : [],
              min_amount: body.min_amount ?? 0,
              max_amount: MAX,
              reserve_amount: body.min_balance_amount ?? 0,
              enabled: true,
            },
          }),
      );
      return ok(autoPayout(saved));
    },
  );
};
