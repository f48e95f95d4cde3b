import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { createAffiliate } from '../../../core/affiliates/create-affiliate.ts';
import { getAffiliate } from '../../../core/affiliates/get-affiliate.ts';
import { patchAffiliate } from '../../../core/affiliates/patch-affiliate.ts';
import { replaceAffiliate } from '../../../core/affiliates/replace-affiliate.ts';
import { identityEnv } from '../../../core/identity/context.ts';
import { managedBy, operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import {
  CreateAffiliateBody,
  PATCH_DESCRIPTION,
  PatchAffiliateBody,
  REPLACE_DESCRIPTION,
  ReplaceAffiliateBody,
} from '../../schemas/affiliates.ts';
import { Affiliate, RelationshipQuery } from '../../schemas/affiliates-read.ts';
import { IdParams, withErrors } from '../../schemas/common.ts';
import { changeContext } from './affiliates-context.ts';
import { affiliateSearchRoute } from './affiliates-search.ts';

/** What a write returns when the caller names no relationships: what it just wrote. */
const WRITE_DEFAULT = ['billing', 'traffic_sources', 'custom_tags'] as const;

/** A limited manager sees only their affiliates among an affiliate's referrer and referrals. */
const managerId = (request: FastifyRequest) => managedBy(request.principal) ?? undefined;

export const affiliateRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const common = { tags: ['affiliates'], security: operatorSecurity };

  await app.register(affiliateSearchRoute);

  app.post(
    '/affiliates',
    {
      preValidation: requireOperator('write'),
      schema: {
        ...common,
        summary: 'Create an affiliate, with its users, billing and payment method',
        description:
          'Omitted fields take their defaults: status pending, billing manual, payment method none, has_notifications true. A manager limited to their own affiliates becomes the account manager unless one is given.',
        querystring: RelationshipQuery,
        body: CreateAffiliateBody,
        response: withErrors({ 201: Affiliate }, 401, 403, 422),
      },
    },
    async (request, reply) => {
      const manager = managedBy(request.principal);
      const body = { ...request.body };
      if (manager !== null && body.account_manager_id === undefined) body.account_manager_id = manager;
      const id = await createAffiliate({
        db: db(),
        ...changeContext(request),
        input: body,
        invite: { env: identityEnv(app.deps.config), jobs: app.deps.jobs },
      });
      const relationships = request.query.relationship ?? [...WRITE_DEFAULT, 'users'];
      return reply.status(201).send(await getAffiliate(db(), id, relationships, managerId(request)));
    },
  );

  app.get(
    '/affiliates/:id',
    {
      preValidation: requireOperator('read'),
      schema: {
        ...common,
        summary: 'One affiliate, with the relationships asked for',
        params: IdParams,
        querystring: RelationshipQuery,
        response: withErrors({ 200: Affiliate }, 401, 403, 404, 422),
      },
    },
    async (request) =>
      getAffiliate(db(), request.params.id, request.query.relationship ?? [], managerId(request)),
  );

  app.put(
    '/affiliates/:id',
    {
      preValidation: requireOperator('write'),
      schema: {
        ...common,
        summary: 'Replace an affiliate (every field; omitted ones take their defaults)',
        description: REPLACE_DESCRIPTION,
        params: IdParams,
        querystring: RelationshipQuery,
        body: ReplaceAffiliateBody,
        response: withErrors({ 200: Affiliate }, 401, 403, 404, 409, 422),
      },
    },
    async (request) => {
      await replaceAffiliate({
        db: db(),
        ...changeContext(request),
        id: request.params.id,
        input: request.body,
      });
      return getAffiliate(
        db(),
        request.params.id,
        request.query.relationship ?? WRITE_DEFAULT,
        managerId(request),
      );
    },
  );

  app.patch(
    '/affiliates/:id',
    {
      preValidation: requireOperator('write'),
      schema: {
        ...common,
        summary: 'Change some fields of an affiliate',
        description: PATCH_DESCRIPTION,
        params: IdParams,
        querystring: RelationshipQuery,
        body: PatchAffiliateBody,
        response: withErrors({ 200: Affiliate }, 401, 403, 404, 409, 422),
      },
    },
    async (request) => {
      await patchAffiliate({
        db: db(),
        ...changeContext(request),
        id: request.params.id,
        input: request.body,
      });
      return getAffiliate(
        db(),
        request.params.id,
        request.query.relationship ?? WRITE_DEFAULT,
        managerId(request),
      );
    },
  );
};
