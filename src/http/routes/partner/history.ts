import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { getBill } from '../../../core/billing/get-bill.ts';
import { partnerSecurity, requirePartner } from '../../plugins/partner-auth.ts';
import { BillParams } from '../../schemas/bills.ts';
import { withErrors } from '../../schemas/common.ts';
import { ChainResponse, HISTORY_HELP, StatementPdf, StatementResponse } from '../../schemas/history.ts';
import { sendChain, sendStatement, sendStatementPdf } from '../shared/send-history.ts';

export const partnerHistoryRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const tags = ['portal: history'];

  app.get(
    '/bills/:id/statement',
    {
      preValidation: requirePartner(),
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'The signed statement of one of my bills',
        description: HISTORY_HELP,
        params: BillParams,
        response: withErrors({ 200: StatementResponse }, 401, 403, 404, 409),
      },
    },
    async (request, reply) => {
      const affiliateId = request.partner!.affiliate.id;
      // Not found for another affiliate's bill and for a hidden one, as the bill itself.
      await getBill({ db: app.deps.database.db, id: request.params.id, scope: { affiliateId } });
      return sendStatement(reply, {
        db: app.deps.database.db,
        config: app.deps.config,
        billId: request.params.id,
        affiliateId,
      });
    },
  );

  app.get(
    '/bills/:id/statement/pdf',
    {
      preValidation: requirePartner(),
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'The signed statement of one of my bills as a PDF',
        description: `${HISTORY_HELP}\n\nThe PDF shows the statement issued in the same call (its SHA-256 printed on it): the chain range, the checkpoint, the totals and every link of the range. Verify the JSON one.`,
        params: BillParams,
        produces: ['application/pdf'],
        response: withErrors({ 200: StatementPdf }, 401, 403, 404, 409),
      },
    },
    async (request, reply) => {
      const affiliateId = request.partner!.affiliate.id;
      await getBill({ db: app.deps.database.db, id: request.params.id, scope: { affiliateId } });
      return sendStatementPdf(reply, {
        db: app.deps.database.db,
        config: app.deps.config,
        billId: request.params.id,
        affiliateId,
      });
    },
  );

  app.get(
    '/history/chain',
    {
      preValidation: requirePartner(),
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'My whole history chain, to verify or keep',
        description: HISTORY_HELP,
        response: withErrors({ 200: ChainResponse }, 401, 403),
      },
    },
    async (request, reply) =>
      sendChain(reply, {
        db: app.deps.database.db,
        config: app.deps.config,
        affiliateId: request.partner!.affiliate.id,
      }),
  );
};
