import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { addUserToAffiliate } from '../../../core/affiliates/add-users-to-affiliate.ts';
import { listAffiliateHistory } from '../../../core/affiliates/list-affiliate-history.ts';
import {
  assertAffiliateExists,
  getAffiliateUser,
  listAffiliateUsers,
} from '../../../core/affiliates/list-affiliate-users.ts';
import { updateAffiliateUser } from '../../../core/affiliates/update-affiliate-user.ts';
import { identityEnv } from '../../../core/identity/context.ts';
import { operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import { AffiliateUser, UserCreateBody, UserPatchBody } from '../../schemas/affiliates.ts';
import { HistoryEntry } from '../../schemas/affiliates-read.ts';
import { IdParams, ListOf, listPage, PageQuery, pageOf, withErrors } from '../../schemas/common.ts';
import { changeContext } from './affiliates-context.ts';

const UserParams = Type.Object({
  id: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
  userId: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
});

/** Team members of an affiliate, and its change history. */
export const affiliateUserRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const common = { tags: ['affiliates'], security: operatorSecurity };

  app.get(
    '/affiliates/:id/users',
    {
      preValidation: requireOperator('read'),
      schema: {
        ...common,
        summary: "An affiliate's users",
        params: IdParams,
        response: withErrors({ 200: Type.Object({ data: Type.Array(AffiliateUser) }) }, 401, 403, 404),
      },
    },
    async (request) => ({ data: await listAffiliateUsers(db(), request.params.id) }),
  );

  app.post(
    '/affiliates/:id/users',
    {
      preValidation: requireOperator('write'),
      schema: {
        ...common,
        summary: 'Add a user to an affiliate',
        params: IdParams,
        body: UserCreateBody,
        response: withErrors({ 201: AffiliateUser }, 401, 403, 404, 422),
      },
    },
    async (request, reply) => {
      const user = await addUserToAffiliate({
        db: db(),
        ...changeContext(request),
        affiliateId: request.params.id,
        input: request.body,
        invite: { env: identityEnv(app.deps.config), jobs: app.deps.jobs },
      });
      return reply.status(201).send(user);
    },
  );

  app.get(
    '/affiliates/:id/users/:userId',
    {
      preValidation: requireOperator('read'),
      schema: {
        ...common,
        summary: 'One user of an affiliate',
        params: UserParams,
        response: withErrors({ 200: AffiliateUser }, 401, 403, 404),
      },
    },
    async (request) => getAffiliateUser(db(), request.params.id, request.params.userId),
  );

  app.patch(
    '/affiliates/:id/users/:userId',
    {
      preValidation: requireOperator('write'),
      schema: {
        ...common,
        summary: 'Change some fields of an affiliate user (not the password)',
        params: UserParams,
        body: UserPatchBody,
        response: withErrors({ 200: AffiliateUser }, 401, 403, 404, 422),
      },
    },
    async (request) =>
      updateAffiliateUser({
        db: db(),
        ...changeContext(request),
        affiliateId: request.params.id,
        userId: request.params.userId,
        input: request.body,
      }),
  );

  app.get(
    '/affiliates/:id/history',
    {
      preValidation: requireOperator('read'),
      schema: {
        ...common,
        summary: 'Every change to the affiliate: who, when, each field before and after; newest first',
        params: IdParams,
        querystring: Type.Object(
          {
            field: Type.Optional(
              Type.String({
                maxLength: 100,
                description: 'Only changes of this field; ending in "." any field under it (billing.)',
              }),
            ),
            source: Type.Optional(Type.String({ maxLength: 40 })),
            ...PageQuery,
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: ListOf(HistoryEntry) }, 401, 403, 404, 422),
      },
    },
    async (request) => {
      await assertAffiliateExists(db(), request.params.id);
      const page = pageOf(request.query);
      const result = await listAffiliateHistory(db(), request.params.id, {
        page: page.page,
        pageSize: page.page_size,
        field: request.query.field,
        source: request.query.source,
      });
      return listPage(page, result);
    },
  );
};
