import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { getAffiliate } from '../../../core/affiliates/get-affiliate.ts';
import { AppError } from '../../../core/errors.ts';
import { getPaymentMethod } from '../../../core/ledger/wallet/get-payment-method.ts';
import type { BankStatementView } from '../../../core/ledger/wallet/list-bank-statements.ts';
import { listBankStatements } from '../../../core/ledger/wallet/list-bank-statements.ts';
import {
  listPaymentMethods,
  type PaymentMethodView,
} from '../../../core/ledger/wallet/list-payment-methods.ts';
import { readBankStatement } from '../../../core/ledger/wallet/read-bank-statement.ts';
import type { Db } from '../../../db/index.ts';
import { Nullable } from '../../schemas/common.ts';
import {
  AccountParams,
  Id,
  KeyQuery,
  MSP_TAGS,
  mspKey,
  mspSecurity,
  Ok,
  OkList,
  ok,
  okList,
} from './common.ts';
import { mspErrors } from './errors.ts';

const BankParams = Type.Object({ bankaccount_id: Id });
const StatementParams = Type.Object({ bankstatement_id: Id });

const BankAccount = Type.Object({
  id: Type.String(),
  account_id: Type.Integer(),
  currency: Nullable(
    Type.String({ description: "The account's default currency (a bank account holds any)" }),
  ),
  holder_name: Type.String({ maxLength: 40 }),
  iban: Type.String({ description: 'Masked: the last 4 characters' }),
  bic: Nullable(Type.String()),
  verified: Type.Boolean({ description: 'Affluent: verified by an approved bank statement' }),
  verification: Type.String({ description: 'Affluent: pending, approved, declined or not_required' }),
});
const Statement = Type.Object({
  id: Type.String(),
  bankaccount_id: Type.String(),
  filename: Type.String(),
  mime_type: Type.String(),
  size: Type.Integer(),
  status: Type.String({ description: 'pending, approved (the bank account is verified) or declined' }),
  created: Type.String({ format: 'date-time' }),
});
const StatementWithContent = Type.Object({
  ...Statement.properties,
  encoded_content: Type.String({ description: 'base64' }),
});

async function bankAccount(db: Db, m: PaymentMethodView) {
  const affiliate = await getAffiliate(db, m.affiliate_id);
  const d = m.details as { account_holder?: string; iban?: string; bic?: string };
  return {
    id: String(m.id),
    account_id: m.affiliate_id,
    currency: affiliate.default_currency,
    holder_name: (d.account_holder ?? '').slice(0, 40),
    iban: d.iban ?? '',
    bic: d.bic ?? null,
    verified: m.verification === 'approved',
    verification: m.verification,
  };
}
const statement = (s: BankStatementView) => ({
  id: String(s.id),
  bankaccount_id: String(s.payment_method_id),
  filename: s.file_name,
  mime_type: s.content_type,
  size: s.size_bytes,
  status: s.status,
  created: s.created_at.toISOString(),
});

/** A bank transfer method (bank account) by id: other payment methods are no bank account (404). */
async function loadBank(db: Db, id: number): Promise<PaymentMethodView> {
  const m = await getPaymentMethod({ db, id });
  if (m.type !== 'bank_transfer') throw AppError.notFound('bank account');
  return m;
}

export const bankingRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const common = { tags: MSP_TAGS, security: mspSecurity };

  app.get(
    '/accounts/:account_id/bank-accounts',
    {
      preValidation: mspKey('read'),
      schema: {
        ...common,
        summary: 'List bank accounts of the affiliate',
        description:
          "The affiliate's bank transfer payment methods, oldest first (other payout methods are not bank accounts). `holder_name` is at most 40 characters; the IBAN is masked.",
        params: AccountParams,
        querystring: KeyQuery,
        response: { 200: OkList(BankAccount), ...mspErrors(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const methods = await listPaymentMethods({ db: db(), affiliateId: request.params.account_id });
      const banks = methods.filter((m) => m.type === 'bank_transfer');
      const data = [];
      for (const m of banks) data.push(await bankAccount(db(), m));
      return okList(data, data.length);
    },
  );

  app.get(
    '/bank-accounts/:bankaccount_id',
    {
      preValidation: mspKey('read'),
      schema: {
        ...common,
        summary: 'Get bank account',
        params: BankParams,
        querystring: KeyQuery,
        response: { 200: Ok(BankAccount), ...mspErrors(401, 403, 404, 422) },
      },
    },
    async (request) => ok(await bankAccount(db(), await loadBank(db(), request.params.bankaccount_id))),
  );

  app.get(
    '/bank-accounts/:bankaccount_id/bank-statements',
    {
      preValidation: mspKey('read'),
      schema: {
        ...common,
        summary: 'List bank statements of a bank account',
        description:
          'The statements uploaded to verify it, newest first: an approved one verifies the bank account.',
        params: BankParams,
        querystring: KeyQuery,
        response: { 200: OkList(Statement), ...mspErrors(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const bank = await loadBank(db(), request.params.bankaccount_id);
      const list = await listBankStatements({ db: db(), paymentMethodId: bank.id });
      return okList(list.map(statement), list.length);
    },
  );

  app.get(
    '/bank-statements/:bankstatement_id',
    {
      preValidation: mspKey('read'),
      schema: {
        ...common,
        summary: 'Get bank statement, with its file in base64',
        params: StatementParams,
        querystring: KeyQuery,
        response: { 200: Ok(StatementWithContent), ...mspErrors(401, 403, 404, 422) },
      },
    },
    async (request) => {
      const read = await readBankStatement({
        db: db(),
        dataDir: app.deps.config.dataDir,
        id: request.params.bankstatement_id,
      });
      return ok({ ...statement(read.statement), encoded_content: read.file.toString('base64') });
    },
  );
};
