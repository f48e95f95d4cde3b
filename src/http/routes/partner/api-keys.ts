import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../../core/errors.ts';
import { createAffiliateApiKey } from '../../../core/identity/api-keys/create-affiliate-api-key.ts';
import { listAffiliateApiKeys } from '../../../core/identity/api-keys/list-affiliate-api-keys.ts';
import { revokeAffiliateApiKey } from '../../../core/identity/api-keys/revoke-affiliate-api-key.ts';
import { partnerActor, portalSessionSecurity, requirePartner } from '../../plugins/partner-auth.ts';
import { IdParams, NullableTimestamp, Timestamp, withErrors } from '../../schemas/common.ts';

const PartnerApiKey = Type.Object(
  {
    id: Type.Integer(),
    name: Type.String(),
    prefix: Type.String({ description: 'The first characters of the key, to recognise it' }),
    user_id: Type.Integer({ description: 'The team member the key acts as' }),
    created_by_user_id: Type.Union([Type.Integer(), Type.Null()]),
    created_at: Timestamp,
    last_used_at: NullableTimestamp,
    revoked_at: NullableTimestamp,
  },
  { $id: 'PartnerApiKey' },
);

export const partnerApiKeyRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const tags = ['partner: API keys'];
  const guard = requirePartner({ session: true });
  const common = { tags, security: portalSessionSecurity };

  app.get(
    '/api-keys',
    {
      preValidation: guard,
      schema: {
        ...common,
        summary: "API keys: the owner sees the affiliate's, a team member their own",
        response: withErrors({ 200: Type.Object({ data: Type.Array(PartnerApiKey) }) }, 401, 403),
      },
    },
    async (request) => {
      const p = request.partner!;
      return {
        data: await listAffiliateApiKeys(db(), {
          affiliateId: p.affiliate.id,
          ...(p.user.is_owner ? {} : { userId: p.user.id }),
        }),
      };
    },
  );

  app.post(
    '/api-keys',
    {
      preValidation: guard,
      schema: {
        ...common,
        summary:
          'Create a partner API key (only when the affiliate program turned API access on); the secret is shown once',
        body: Type.Object(
          {
            name: Type.String({ minLength: 1, maxLength: 200 }),
            user_id: Type.Optional(
              Type.Integer({
                minimum: 1,
                maximum: 2_147_483_647,
                description: 'Owner only: a team member the key acts as',
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: withErrors(
          { 201: Type.Object({ key: Type.String(), api_key: PartnerApiKey }) },
          401,
          403,
          404,
          422,
        ),
      },
    },
    async (request, reply) => {
      const p = request.partner!;
      const userId = request.body.user_id ?? p.user.id;
      if (userId !== p.user.id && !p.user.is_owner) {
        throw new AppError('forbidden', 'only the owner may create keys for other team members', {
          reason: 'owner_required',
        });
      }
      const created = await createAffiliateApiKey({
        db: db(),
        affiliateId: p.affiliate.id,
        userId,
        name: request.body.name,
        createdByUserId: p.user.id,
        actor: partnerActor(request),
      });
      return reply.status(201).send({ key: created.key, api_key: created.apiKey });
    },
  );

  app.delete(
    '/api-keys/:id',
    {
      preValidation: guard,
      schema: {
        ...common,
        summary: 'Revoke an API key; it stops working at once',
        params: IdParams,
        response: withErrors({ 200: PartnerApiKey }, 401, 403, 404),
      },
    },
    async (request) => {
      const p = request.partner!;
      return revokeAffiliateApiKey({
        db: db(),
        affiliateId: p.affiliate.id,
        keyId: request.params.id,
        ...(p.user.is_owner ? {} : { onlyUserId: p.user.id }),
        actor: partnerActor(request),
      });
    },
  );
};
