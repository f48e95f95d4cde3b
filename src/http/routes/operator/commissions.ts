import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { approveCommission } from '../../../core/commissions/earned/approve-commission.ts';
import { getCommission } from '../../../core/commissions/earned/get-commission.ts';
import { listCommissions } from '../../../core/commissions/earned/list-commissions.ts';
import { rejectCommission } from '../../../core/commissions/earned/reject-commission.ts';
import { releaseCommission } from '../../../core/commissions/earned/release-commission.ts';
import { actorOf } from '../../actor.ts';
import { managedBy, operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import {
  COMMISSION_HELP,
  CommissionDetail,
  CommissionPage,
  CommissionQuery,
  RejectBody,
  StatusBody,
} from '../../schemas/commissions.ts';
import { IdParams, listPage, pageOf, withErrors } from '../../schemas/common.ts';

const date = (v?: string) => (v === undefined ? undefined : new Date(v));

export const commissionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const tags = ['commissions'];
  const manager = (request: Parameters<typeof managedBy>[0]) => managedBy(request) ?? undefined;

  app.get(
    '/commissions',
    {
      preValidation: requireOperator('read'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'List commissions, newest first',
        description: `${COMMISSION_HELP} Filter by affiliate, brand, plan, kind, status, customer and the time earned (\`from\` inclusive, \`to\` exclusive).`,
        querystring: CommissionQuery,
        response: withErrors({ 200: CommissionPage }, 401, 403, 422),
      },
    },
    async (request) => {
      const { page: _, page_size: __, from, to, ...filter } = request.query;
      const page = pageOf(request.query);
      return listPage(
        page,
        await listCommissions({
          db: db(),
          filter: { ...filter, from: date(from), to: date(to) },
          limit: page.limit,
          offset: page.offset,
          managerId: manager(request.principal),
        }),
      );
    },
  );

  app.get(
    '/commissions/:id',
    {
      preValidation: requireOperator('read'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'A commission with its trace and status history',
        description: COMMISSION_HELP,
        params: IdParams,
        response: withErrors({ 200: CommissionDetail }, 401, 403, 404, 422),
      },
    },
    async (request) =>
      getCommission({ db: db(), id: request.params.id, managerId: manager(request.principal) }),
  );

  const change = [
    {
      path: 'approve',
      summary: 'Approve a pending or held commission',
      description: 'From pending (before its hold period ends) or on hold; any other status is a 409.',
      body: StatusBody,
      run: approveCommission,
    },
    {
      path: 'reject',
      summary: 'Reject a commission, saying why',
      description:
        'From pending, on hold or approved (not yet billed); the reason is required and shown to the affiliate. Its claw-backs, top-ups and sub-affiliate cuts in the same statuses are rejected with it.',
      body: RejectBody,
      run: rejectCommission,
    },
    {
      path: 'release',
      summary: 'Release a commission held by a fraud rule',
      description:
        'From on hold: pending while its hold period lasts, else approved. What derives from it and is on hold is released with it.',
      body: StatusBody,
      run: releaseCommission,
    },
  ] as const;
  for (const c of change)
    app.post(
      `/commissions/:id/${c.path}`,
      {
        preValidation: requireOperator(['write', 'finance']),
        schema: {
          tags,
          security: operatorSecurity,
          summary: c.summary,
          description: `${c.description} Each change is kept with who made it and why (\`status_changes\`).`,
          params: IdParams,
          body: c.body,
          response: withErrors({ 200: CommissionDetail }, 401, 403, 404, 409, 422),
        },
      },
      async (request) =>
        c.run({
          db: db(),
          actor: actorOf(request),
          id: request.params.id,
          reason: (request.body as { reason?: string } | undefined)?.reason ?? null,
          managerId: manager(request.principal),
        }),
    );
};
