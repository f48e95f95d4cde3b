import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { createApiKey } from '../../../core/auth/create-api-key.ts';
import { listApiKeys } from '../../../core/auth/list-api-keys.ts';
import { revokeApiKey } from '../../../core/auth/revoke-api-key.ts';
import { SCOPES } from '../../../core/auth/scopes.ts';
import { actorOf } from '../../actor.ts';
import { operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import { IdParams, NullableTimestamp, StringEnum, Timestamp, withErrors } from '../../schemas/common.ts';

const ApiKey = Type.Object(
  {
    id: Type.Integer(),
    name: Type.String(),
    prefix: Type.String({ description: 'The first characters of the key, to recognise it' }),
    scopes: Type.Array(Type.String()),
    created_by: Type.Union([Type.Integer(), Type.Null()]),
    created_at: Timestamp,
    last_used_at: NullableTimestamp,
    revoked_at: NullableTimestamp,
  },
  { $id: 'ApiKey' },
);

export const apiKeyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const tags = ['api keys'];

  app.get(
    '/api-keys',
    {
      preValidation: requireOperator('admin'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'List API keys (secrets are never shown again)',
        querystring: Type.Object({ include_revoked: Type.Boolean({ default: false }) }),
        response: withErrors({ 200: Type.Object({ data: Type.Array(ApiKey) }) }, 401, 403),
      },
    },
    async (request) => ({ data: await listApiKeys(db(), { includeRevoked: request.query.include_revoked }) }),
  );

  app.post(
    '/api-keys',
    {
      preValidation: requireOperator('admin'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Create an API key; the response holds the secret, shown this once',
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 200 }),
            scopes: Type.Array(StringEnum(SCOPES), { minItems: 1, uniqueItems: true }),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 201: Type.Object({ key: Type.String(), api_key: ApiKey }) }, 401, 403, 422),
      },
    },
    async (request, reply) => {
      const created = await createApiKey({ db: db(), actor: actorOf(request), input: request.body });
      return reply.status(201).send({ key: created.key, api_key: created.apiKey });
    },
  );

  app.delete(
    '/api-keys/:id',
    {
      preValidation: requireOperator('admin'),
      schema: {
        tags,
        security: operatorSecurity,
        summary: 'Revoke an API key; it stops working at once',
        params: IdParams,
        response: withErrors({ 200: ApiKey }, 401, 403, 404),
      },
    },
    async (request) => revokeApiKey({ db: db(), actor: actorOf(request), id: request.params.id }),
  );
};
