import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { archivePlan } from '../../../core/commissions/plans/archive-plan.ts';
import { type AssignPlanInput, assignPlan } from '../../../core/commissions/plans/assign-plan.ts';
import { createPlan } from '../../../core/commissions/plans/create-plan.ts';
import { getPlan } from '../../../core/commissions/plans/get-plan.ts';
import { getPlanVersion } from '../../../core/commissions/plans/get-plan-version.ts';
import { listPlanAssignments } from '../../../core/commissions/plans/list-plan-assignments.ts';
import { listPlanVersions } from '../../../core/commissions/plans/list-plan-versions.ts';
import { listPlans } from '../../../core/commissions/plans/list-plans.ts';
import { publishPlanVersion } from '../../../core/commissions/plans/publish-plan-version.ts';
import { resolvePlan } from '../../../core/commissions/plans/resolve-plan.ts';
import { unarchivePlan } from '../../../core/commissions/plans/unarchive-plan.ts';
import { updatePlan } from '../../../core/commissions/plans/update-plan.ts';
import { actorOf } from '../../actor.ts';
import { operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import {
  AssignAffiliateBody,
  AssignBody,
  Assignment,
  CommissionPlan,
  CommissionPlanPage,
  CreatePlanBody,
  PatchPlanBody,
  PLAN_HELP,
  PlanVersionWithChanges,
  PRECEDENCE_HELP,
  PublishVersionBody,
  Resolution,
} from '../../schemas/commission-plans.ts';
import {
  IdParams,
  ListOf,
  listPage,
  PageQuery,
  pageOf,
  StringEnum,
  withErrors,
} from '../../schemas/common.ts';
import { managerScope } from './manager-scope.ts';

const Id = Type.Integer({ minimum: 1, maximum: 2_147_483_647 });
const at = (v?: string) => (v === undefined ? undefined : new Date(v));
const LIMITED =
  'An account manager limited to their affiliates may read plans and assign them to their affiliates, not change them (403).';

export const commissionPlanRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const tags = ['commission plans'];
  const read = { preValidation: requireOperator('read') };
  const write = { preValidation: requireOperator('write') };

  app.get(
    '/commission-plans',
    {
      ...read,
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'List commission plans by brand and name',
        description: PLAN_HELP,
        querystring: Type.Object(
          {
            brand_id: Type.Optional(Id),
            currency: Type.Optional(Type.String({ maxLength: 8 })),
            status: Type.Optional(StringEnum(['active', 'archived'] as const)),
            private: Type.Optional(StringEnum(['true', 'false'] as const)),
            q: Type.Optional(Type.String({ maxLength: 200, description: 'In the name or description' })),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: CommissionPlanPage }, 401, 403, 422),
      },
    },
    async (request) => {
      const { page: _, page_size: __, private: isPrivate, ...filter } = request.query;
      const page = pageOf(request.query);
      const result = await listPlans({
        db: db(),
        filter: { ...filter, ...(isPrivate !== undefined ? { is_private: isPrivate === 'true' } : {}) },
        limit: page.limit,
        offset: page.offset,
        scope: managerScope(request),
      });
      return listPage(page, result);
    },
  );

  app.post(
    '/commission-plans',
    {
      ...write,
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Create a commission plan with its first version',
        description: `${PLAN_HELP} A name taken on the brand (in any case) is a 409 naming \`name\`. ${LIMITED}`,
        body: CreatePlanBody,
        response: withErrors({ 201: CommissionPlan }, 401, 403, 409, 422),
      },
    },
    async (request, reply) => {
      const { effective_from, ...input } = request.body;
      return reply.status(201).send(
        await createPlan({
          db: db(),
          actor: actorOf(request),
          input: {
            ...input,
            ...(effective_from !== undefined ? { effective_from: new Date(effective_from) } : {}),
          },
          scope: managerScope(request),
        }),
      );
    },
  );

  app.get(
    '/commission-plans/resolve',
    {
      ...read,
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Which plan and version apply to an affiliate at a moment, and why',
        description: `${PRECEDENCE_HELP} Give the brand, or the campaign (which brings its brand); \`at\` is now by default.`,
        querystring: Type.Object(
          {
            affiliate_id: Id,
            brand_id: Type.Optional(Id),
            campaign_id: Type.Optional(Id),
            at: Type.Optional(Type.String({ format: 'date-time' })),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: Resolution }, 401, 403, 404, 422),
      },
    },
    async (request) => {
      const q = request.query;
      return resolvePlan({
        db: db(),
        affiliateId: q.affiliate_id,
        ...(q.brand_id !== undefined ? { brandId: q.brand_id } : {}),
        ...(q.campaign_id !== undefined ? { campaignId: q.campaign_id } : {}),
        ...(q.at !== undefined ? { at: new Date(q.at) } : {}),
      });
    },
  );

  app.get(
    '/commission-plans/assignments',
    {
      ...read,
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'The assignment history: who got which plan from when, newest first',
        description: `Rows are appended, never changed; one with \`plan_id\` null ended its level's plan. ${PRECEDENCE_HELP} A limited account manager sees the brand defaults and their affiliates' rows.`,
        querystring: Type.Object(
          {
            brand_id: Type.Optional(Id),
            target: Type.Optional(StringEnum(['brand', 'affiliate', 'campaign'] as const)),
            affiliate_id: Type.Optional(Id),
            campaign_id: Type.Optional(Id),
            plan_id: Type.Optional(Id),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: ListOf(Assignment) }, 401, 403, 422),
      },
    },
    async (request) => {
      const { page: _, page_size: __, ...filter } = request.query;
      const page = pageOf(request.query);
      const result = await listPlanAssignments({
        db: db(),
        filter,
        limit: page.limit,
        offset: page.offset,
        scope: managerScope(request),
      });
      return listPage(page, result);
    },
  );

  app.get(
    '/commission-plans/:id',
    {
      ...read,
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Get a commission plan with the version in force now',
        params: IdParams,
        response: withErrors({ 200: CommissionPlan }, 401, 403, 404),
      },
    },
    async (request) => getPlan({ db: db(), id: request.params.id, scope: managerScope(request) }),
  );

  app.patch(
    '/commission-plans/:id',
    {
      ...write,
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Change what describes a plan',
        description: `What a plan pays changes only by publishing a version. \`private_affiliate_ids\` replaces the list. ${LIMITED}`,
        params: IdParams,
        body: PatchPlanBody,
        response: withErrors({ 200: CommissionPlan }, 401, 403, 404, 409, 422),
      },
    },
    async (request) =>
      updatePlan({
        db: db(),
        actor: actorOf(request),
        id: request.params.id,
        input: request.body,
        scope: managerScope(request),
      }),
  );

  for (const [action, operation, summary] of [
    ['archive', archivePlan, 'Archive a plan: it can no longer be chosen or assigned'],
    ['unarchive', unarchivePlan, 'Bring back an archived plan'],
  ] as const)
    app.post(
      `/commission-plans/:id/${action}`,
      {
        ...write,
        schema: {
          tags,
          security: operatorSecurity,
          summary,
          description: `Where an archived plan is assigned it keeps applying until the assignment is ended or replaced. ${LIMITED}`,
          params: IdParams,
          response: withErrors({ 200: CommissionPlan }, 401, 403, 404),
        },
      },
      async (request) =>
        operation({ db: db(), actor: actorOf(request), id: request.params.id, scope: managerScope(request) }),
    );

  app.post(
    '/commission-plans/:id/versions',
    {
      ...write,
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Publish a new version of a plan',
        description: `${PLAN_HELP} The version is numbered next and never changes; \`effective_from\` must not be before the latest version's (422). \`customer_binding\` defaults to the latest version's. ${LIMITED}`,
        params: IdParams,
        body: PublishVersionBody,
        response: withErrors({ 201: PlanVersionWithChanges }, 401, 403, 404, 422),
      },
    },
    async (request, reply) => {
      const { effective_from, ...input } = request.body;
      const published = await publishPlanVersion({
        db: db(),
        actor: actorOf(request),
        planId: request.params.id,
        input: { ...input, ...(effective_from !== undefined ? { effective_from: at(effective_from) } : {}) },
        scope: managerScope(request),
      });
      return reply
        .status(201)
        .send(await getPlanVersion({ db: db(), planId: request.params.id, version: published.version }));
    },
  );

  app.get(
    '/commission-plans/:id/versions',
    {
      ...read,
      schema: {
        tags,
        security: operatorSecurity,
        summary: "A plan's versions, newest first, each with its diff from the one before",
        params: IdParams,
        response: withErrors(
          { 200: Type.Object({ data: Type.Array(PlanVersionWithChanges) }) },
          401,
          403,
          404,
        ),
      },
    },
    async (request) => ({ data: await listPlanVersions({ db: db(), planId: request.params.id }) }),
  );

  app.get(
    '/commission-plans/:id/versions/:version',
    {
      ...read,
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'One version of a plan, with its diff from the one before',
        params: Type.Object({ id: Id, version: Id }),
        response: withErrors({ 200: PlanVersionWithChanges }, 401, 403, 404),
      },
    },
    async (request) =>
      getPlanVersion({ db: db(), planId: request.params.id, version: request.params.version }),
  );

  const assignment = (body: { plan_id: number | null; effective_from?: string; reason?: string | null }) => ({
    planId: body.plan_id,
    effectiveFrom: at(body.effective_from),
    reason: body.reason ?? null,
  });
  const assigned = async (request: FastifyRequest, input: AssignPlanInput) =>
    assignPlan({ db: db(), actor: actorOf(request), input, scope: managerScope(request) });
  const assignSchema = (
    summary: string,
    description: string,
    body: typeof AssignBody | typeof AssignAffiliateBody,
  ) => ({
    tags,
    security: operatorSecurity,
    summary,
    description: `${description} ${PRECEDENCE_HELP}`,
    params: IdParams,
    body,
    response: withErrors({ 201: Assignment }, 401, 403, 404, 422),
  });

  app.put(
    '/brands/:id/commission-plan',
    {
      ...write,
      schema: assignSchema(
        "Set or end the brand's default commission plan",
        `An active public plan of the brand, or null to end the default, from \`effective_from\` (now by default). ${LIMITED}`,
        AssignBody,
      ),
    },
    async (request, reply) =>
      reply.status(201).send(
        await assigned(request, {
          target: 'brand',
          brandId: request.params.id,
          ...assignment(request.body),
        }),
      ),
  );

  app.put(
    '/affiliates/:id/commission-plan',
    {
      ...write,
      schema: {
        ...assignSchema(
          "Set or end an affiliate's own commission plan on a brand",
          "An active plan (a private one only if opened to the affiliate), or null with `brand_id` to end the affiliate's plan on that brand, from `effective_from` (now by default).",
          AssignAffiliateBody,
        ),
        body: AssignAffiliateBody,
      },
    },
    async (request, reply) => {
      const { brand_id } = request.body;
      return reply.status(201).send(
        await assigned(request, {
          target: 'affiliate',
          affiliateId: request.params.id,
          ...(brand_id !== undefined ? { brandId: brand_id } : {}),
          ...assignment(request.body),
        }),
      );
    },
  );
};
