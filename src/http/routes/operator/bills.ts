import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { approveBill } from '../../../core/billing/approve-bill.ts';
import { approveBills } from '../../../core/billing/approve-bills.ts';
import { cancelBill } from '../../../core/billing/cancel-bill.ts';
import { correctBill } from '../../../core/billing/correct-bill.ts';
import { getBill } from '../../../core/billing/get-bill.ts';
import { holdBill } from '../../../core/billing/hold-bill.ts';
import { listBills } from '../../../core/billing/list-bills.ts';
import { markBillPaid } from '../../../core/billing/mark-bill-paid.ts';
import { releaseBill } from '../../../core/billing/release-bill.ts';
import { renderBillPdf } from '../../../core/billing/render-bill-pdf.ts';
import { runBills } from '../../../core/billing/run-bills.ts';
import { setBillVisibility } from '../../../core/billing/set-bill-visibility.ts';
import { actorOf } from '../../actor.ts';
import { managedBy, operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import { BILLS_HELP, BillDetail, BillPage, BillParams, BillQuery, PdfResponse } from '../../schemas/bills.ts';
import { listPage, pageOf, withErrors } from '../../schemas/common.ts';
import { IdempotencyHeaders } from '../../schemas/ledger.ts';

const scopeOf = (request: FastifyRequest) => {
  const id = managedBy(request.principal);
  return id === null ? {} : { managerId: id };
};
const ReasonBody = Type.Object(
  { reason: Type.Optional(Type.String({ maxLength: 1000 })) },
  { additionalProperties: false },
);

export const billRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const tags = ['bills'];
  const read = { preValidation: requireOperator('read') };
  const finance = { preValidation: requireOperator('finance') };

  app.post(
    '/bills/run',
    {
      ...finance,
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Run the bills of a period now (issue, or regenerate those not yet approved)',
        description: `${BILLS_HELP} The run bills the approved commissions earned by the period's end that are on no bill yet, for the affiliates named (default: every affiliate with something to bill). A sum below the affiliate's threshold, or not positive, waits for the next period (the threshold is in the affiliate's default currency: a bill in another currency compares with it converted at the rate of the period's last day, and without such a rate the sum waits too); an affiliate whose generation delay has not passed since the period's end is left out (\`waiting\`). Bills of the period not yet approved are regenerated, never duplicated; running it again changes nothing. The scheduled run (\`bills.run\`, daily) does the same for each affiliate's own schedule. Needs the \`finance\` scope.`,
        body: Type.Object(
          {
            period_start: Type.String({ format: 'date' }),
            period_end: Type.String({ format: 'date' }),
            affiliate_ids: Type.Optional(
              Type.Array(Type.Integer({ minimum: 1, maximum: 2_147_483_647 }), {
                minItems: 1,
                maxItems: 10_000,
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: withErrors(
          {
            200: Type.Object({
              run_id: Type.Integer(),
              period_start: Type.String(),
              period_end: Type.String(),
              affiliates: Type.Integer(),
              bills_issued: Type.Integer(),
              bills_regenerated: Type.Integer(),
              bills_unchanged: Type.Integer(),
              rolled_over: Type.Integer(),
              waiting: Type.Integer(),
            }),
          },
          401,
          403,
          422,
        ),
      },
    },
    async (request) => {
      const { affiliate_ids, period_start, period_end } = request.body;
      return runBills({
        db: db(),
        actor: actorOf(request),
        period: { start: period_start, end: period_end },
        ...(affiliate_ids ? { affiliateIds: affiliate_ids } : {}),
      }) as never;
    },
  );

  app.get(
    '/bills',
    {
      ...read,
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Bills, newest first, with filters (status, affiliate, brand, currency, period)',
        description: BILLS_HELP,
        querystring: Type.Object(
          {
            affiliate_id: Type.Optional(Type.Integer({ minimum: 1, maximum: 2_147_483_647 })),
            hidden: Type.Optional(Type.Boolean()),
            ...BillQuery,
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: BillPage }, 401, 403, 404, 422),
      },
    },
    async (request) => {
      const page = pageOf(request.query);
      const result = await listBills({ db: db(), filter: request.query, scope: scopeOf(request), ...page });
      return listPage(page, result) as never;
    },
  );

  app.get(
    '/bills/:id',
    {
      ...read,
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'One bill with its lines, corrections and changes',
        description: BILLS_HELP,
        params: BillParams,
        response: withErrors({ 200: BillDetail }, 401, 403, 404),
      },
    },
    async (request) => getBill({ db: db(), id: request.params.id, scope: scopeOf(request) }) as never,
  );

  app.get(
    '/bills/:id/pdf',
    {
      ...read,
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'The bill as a PDF invoice',
        description:
          "The operator's program and the affiliate's details, the period, due date, lines, corrections and the amount to pay.",
        params: BillParams,
        produces: ['application/pdf'],
        response: withErrors({ 200: PdfResponse }, 401, 403, 404),
      },
    },
    async (request, reply) => {
      const pdf = await renderBillPdf({ db: db(), id: request.params.id, scope: scopeOf(request) });
      return reply
        .type('application/pdf')
        .header('content-disposition', `attachment; filename="bill-${request.params.id}.pdf"`)
        .send(Buffer.from(pdf) as never);
    },
  );

  app.post(
    '/bills/:id/corrections',
    {
      ...finance,
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Correct a bill: add or subtract, with a comment the affiliate sees',
        description: `${BILLS_HELP} Before approval the amount to pay changes (never below 0); after it the correction is a ledger entry between the affiliate's available balance and the brand's commission expense (a subtraction beyond the balance is 409 \`insufficient_funds\`). With an \`Idempotency-Key\` a replay changes nothing. Needs the \`finance\` scope.`,
        params: BillParams,
        headers: IdempotencyHeaders,
        body: Type.Object(
          {
            action: Type.String({ maxLength: 20, description: 'add or subtract' }),
            amount: Type.Integer({
              minimum: 0,
              maximum: Number.MAX_SAFE_INTEGER,
              description: 'Minor units, more than 0',
            }),
            comment: Type.String({ maxLength: 1000 }),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 201: BillDetail }, 401, 403, 404, 409, 422),
      },
    },
    async (request, reply) => {
      const key = request.headers['idempotency-key'];
      const bill = await correctBill({
        db: db(),
        actor: actorOf(request),
        id: request.params.id,
        input: request.body,
        ...(key ? { idempotencyKey: key } : {}),
        scope: scopeOf(request),
      });
      return reply.code(201).send(bill as never);
    },
  );

  app.post(
    '/bills/approve',
    {
      ...finance,
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Approve several bills: each credits its affiliate, or is refused on its own',
        description: `${BILLS_HELP} Each bill is approved in its own transaction; one that cannot be (not pending or on hold, commissions changed since it was issued, not found) is answered \`refused\` with the error, and the others go ahead. Needs the \`finance\` scope.`,
        body: Type.Object(
          { ids: Type.Array(BillParams.properties.id, { minItems: 1, maxItems: 500 }) },
          { additionalProperties: false },
        ),
        response: withErrors(
          {
            200: Type.Object({
              data: Type.Array(
                Type.Object({
                  id: Type.Integer(),
                  status: Type.String({ description: 'approved or refused' }),
                  error: Type.Optional(Type.Object({ code: Type.String(), message: Type.String() })),
                }),
              ),
            }),
          },
          401,
          403,
          422,
        ),
      },
    },
    async (request) => ({
      data: await approveBills({
        db: db(),
        actor: actorOf(request),
        jobs: app.deps.jobs,
        ids: request.body.ids,
        scope: scopeOf(request),
      }),
    }),
  );

  app.post(
    '/bills/:id/approve',
    {
      ...finance,
      schema: {
        tags,
        security: operatorSecurity,
        summary: "Approve a bill: its amount to pay is credited to the affiliate's available balance",
        description: `${BILLS_HELP} One ledger entry (reference \`bill:<id>:approved\`), the commissions become billed, the affiliate's events log records \`bill_approved\` and the affiliate is emailed. Needs the \`finance\` scope.`,
        params: BillParams,
        response: withErrors({ 200: BillDetail }, 401, 403, 404, 409),
      },
    },
    async (request) =>
      approveBill({
        db: db(),
        actor: actorOf(request),
        jobs: app.deps.jobs,
        id: request.params.id,
        scope: scopeOf(request),
      }) as never,
  );

  for (const [verb, run, summary] of [
    ['hold', holdBill, 'Put a pending bill on hold while it is looked into'],
    ['release', releaseBill, 'Take a bill off hold: pending again'],
    ['cancel', cancelBill, 'Cancel a bill not yet approved: its commissions are not billed again'],
    [
      'mark-paid',
      markBillPaid,
      'Record that an approved bill was paid out: the bill and its commissions become paid',
    ],
  ] as const) {
    app.post(
      `/bills/:id/${verb}`,
      {
        ...finance,
        schema: {
          tags,
          security: operatorSecurity,
          summary,
          description: `${BILLS_HELP} Any other status is a 409 \`invalid_state\`. Needs the \`finance\` scope.`,
          params: BillParams,
          body: Type.Optional(ReasonBody),
          response: withErrors({ 200: BillDetail }, 401, 403, 404, 409, 422),
        },
      },
      async (request) =>
        run({
          db: db(),
          actor: actorOf(request),
          id: request.params.id,
          reason: request.body?.reason ?? null,
          scope: scopeOf(request),
        }) as never,
    );
  }

  for (const [verb, hidden, summary] of [
    ['show', false, 'Show a hidden bill to its affiliate (portal and partner API)'],
    ['hide', true, 'Hide a bill from its affiliate again'],
  ] as const) {
    app.post(
      `/bills/:id/${verb}`,
      {
        ...finance,
        schema: {
          tags,
          security: operatorSecurity,
          summary,
          description: `${BILLS_HELP} A bill is issued hidden when the affiliate's billing settings hide invoices by default; the operator shows it once reviewed. Any status; the change is in the bill's \`changes\` (\`shown\`, \`hidden\`) with the actor, and asking for the visibility it already has changes nothing. Needs the \`finance\` scope.`,
          params: BillParams,
          body: Type.Optional(ReasonBody),
          response: withErrors({ 200: BillDetail }, 401, 403, 404, 422),
        },
      },
      async (request) =>
        setBillVisibility({
          db: db(),
          actor: actorOf(request),
          id: request.params.id,
          hidden,
          reason: request.body?.reason ?? null,
          scope: scopeOf(request),
        }) as never,
    );
  }
};
