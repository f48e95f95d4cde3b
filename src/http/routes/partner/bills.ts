import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { getBill } from '../../../core/billing/get-bill.ts';
import { listBills } from '../../../core/billing/list-bills.ts';
import { renderBillPdf } from '../../../core/billing/render-bill-pdf.ts';
import { partnerSecurity, requirePartner } from '../../plugins/partner-auth.ts';
import { BILLS_HELP, BillDetail, BillPage, BillParams, BillQuery, PdfResponse } from '../../schemas/bills.ts';
import { listPage, pageOf, withErrors } from '../../schemas/common.ts';

export const partnerBillRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const tags = ['portal: bills'];
  const scope = (request: { partner: { affiliate: { id: number } } | null }) => ({
    affiliateId: request.partner!.affiliate.id,
  });

  app.get(
    '/bills',
    {
      preValidation: requirePartner(),
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'My bills, newest first (hidden ones are not shown)',
        description: BILLS_HELP,
        querystring: Type.Object(BillQuery, { additionalProperties: false }),
        response: withErrors({ 200: BillPage }, 401, 403, 422),
      },
    },
    async (request) => {
      const page = pageOf(request.query);
      return listPage(
        page,
        await listBills({ db: db(), filter: request.query, scope: scope(request), ...page }),
      ) as never;
    },
  );

  app.get(
    '/bills/:id',
    {
      preValidation: requirePartner(),
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'One of my bills with its lines and corrections',
        description: BILLS_HELP,
        params: BillParams,
        response: withErrors({ 200: BillDetail }, 401, 403, 404),
      },
    },
    async (request) => getBill({ db: db(), id: request.params.id, scope: scope(request) }) as never,
  );

  app.get(
    '/bills/:id/pdf',
    {
      preValidation: requirePartner(),
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'One of my bills as a PDF invoice',
        params: BillParams,
        produces: ['application/pdf'],
        response: withErrors({ 200: PdfResponse }, 401, 403, 404),
      },
    },
    async (request, reply) => {
      const pdf = await renderBillPdf({ db: db(), id: request.params.id, scope: scope(request) });
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="bill-${request.params.id}.pdf"`)
        .send(Buffer.from(pdf) as never);
    },
  );
};
