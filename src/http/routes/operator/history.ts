import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { getAffiliate } from '../../../core/affiliates/get-affiliate.ts';
import { recordOperatorChange } from '../../../core/audit/record-operator-change.ts';
import { getBill } from '../../../core/billing/get-bill.ts';
import { checkHistory } from '../../../core/history/check-history.ts';
import { secretOf } from '../../../core/history/history-jobs.ts';
import { rotateSigningKey } from '../../../core/history/signing-keys.ts';
import { actorOf } from '../../actor.ts';
import { managedBy, operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import { BillParams } from '../../schemas/bills.ts';
import { withErrors } from '../../schemas/common.ts';
import {
  ChainResponse,
  HISTORY_HELP,
  HistoryCheck,
  HistoryCheckQuery,
  KeyRotation,
  StatementPdf,
  StatementResponse,
} from '../../schemas/history.ts';
import { sendChain, sendStatement, sendStatementPdf } from '../shared/send-history.ts';

const scopeOf = (request: FastifyRequest) => {
  const id = managedBy(request.principal);
  return id === null ? {} : { managerId: id };
};
const AffiliateParams = Type.Object({ id: Type.Integer({ minimum: 1, maximum: 2147483647 }) });

export const historyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['history'];
  const db = () => app.deps.database.db;

  app.get(
    '/bills/:id/statement',
    {
      preValidation: requireOperator('read'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'The signed statement of a bill, as its affiliate downloads it',
        description: HISTORY_HELP,
        params: BillParams,
        response: withErrors({ 200: StatementResponse }, 401, 403, 404, 409),
      },
    },
    async (request, reply) => {
      await getBill({ db: db(), id: request.params.id, scope: scopeOf(request) });
      return sendStatement(reply, { db: db(), config: app.deps.config, billId: request.params.id });
    },
  );

  app.get(
    '/bills/:id/statement/pdf',
    {
      preValidation: requireOperator('read'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'The signed statement of a bill as a PDF, as its affiliate downloads it',
        description: HISTORY_HELP,
        params: BillParams,
        produces: ['application/pdf'],
        response: withErrors({ 200: StatementPdf }, 401, 403, 404, 409),
      },
    },
    async (request, reply) => {
      await getBill({ db: db(), id: request.params.id, scope: scopeOf(request) });
      return sendStatementPdf(reply, { db: db(), config: app.deps.config, billId: request.params.id });
    },
  );

  app.get(
    '/affiliates/:id/history/chain',
    {
      preValidation: requireOperator('read'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: "An affiliate's whole history chain",
        description: HISTORY_HELP,
        params: AffiliateParams,
        response: withErrors({ 200: ChainResponse }, 401, 403, 404),
      },
    },
    async (request, reply) => {
      await getAffiliate(db(), request.params.id, [], managedBy(request.principal) ?? undefined);
      return sendChain(reply, { db: db(), config: app.deps.config, affiliateId: request.params.id });
    },
  );

  app.get(
    '/history/check',
    {
      preValidation: requireOperator('admin'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Check every chain (or one affiliate’s) against the database as it is now',
        description: `${HISTORY_HELP}\n\nRe-links each chain from its first record and re-reads each record's source row: a row changed or deleted in the database behind the platform's back, or a link rewritten, is named (the first problem of each chain).`,
        querystring: HistoryCheckQuery,
        response: withErrors({ 200: HistoryCheck }, 401, 403, 422),
      },
    },
    async (request) =>
      checkHistory({
        db: db(),
        ...(request.query.affiliate_id ? { affiliateId: request.query.affiliate_id } : {}),
      }),
  );

  app.post(
    '/history/keys/rotate',
    {
      preValidation: requireOperator('admin'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Rotate the signing key of checkpoints and statements',
        description:
          'The active key is retired (its public half stays published, so what it signed still verifies; its private half is deleted) and a new one signs from now on. In the audit log.',
        response: withErrors({ 200: KeyRotation }, 401, 403),
      },
    },
    async (request) =>
      db()
        .transaction()
        .execute(async (trx) => {
          const result = await rotateSigningKey({ db: trx, secretKey: secretOf(app.deps.config.secretKey) });
          await recordOperatorChange(trx, {
            entity: 'history_signing_key',
            id: result.active,
            action: 'rotated',
            actor: actorOf(request),
            detail: { retired: result.retired },
          });
          return result;
        }),
  );
};
