import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { getAffiliateTerms } from '../../../core/terms/get-affiliate-terms.ts';
import { getTermsVersion } from '../../../core/terms/get-terms-version.ts';
import { listTermsVersions } from '../../../core/terms/list-terms-versions.ts';
import { publishTermsVersion } from '../../../core/terms/publish-terms-version.ts';
import { actorOf } from '../../actor.ts';
import { operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import { IdParams, withErrors } from '../../schemas/common.ts';
import { AffiliateTerms, TERMS_HELP, TermsVersion, TermsVersionParams } from '../../schemas/terms.ts';

const TermsVersionSummary = Type.Object({
  ...TermsVersion.properties,
  accepted_count: Type.Integer({ description: 'How many affiliates accepted this version' }),
});

/** The operator's side of the terms and conditions: publish versions, see who accepted which. */
export const termsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const common = { tags: ['terms and conditions'], security: operatorSecurity };

  app.get(
    '/terms-versions',
    {
      preValidation: requireOperator('read'),
      schema: {
        ...common,
        summary: 'Every published version of the terms, the current one first',
        description: TERMS_HELP,
        response: withErrors({ 200: Type.Object({ data: Type.Array(TermsVersionSummary) }) }, 401, 403),
      },
    },
    async () => ({ data: await listTermsVersions({ db: db() }) }),
  );

  app.post(
    '/terms-versions',
    {
      preValidation: requireOperator('admin'),
      schema: {
        ...common,
        summary: 'Publish a new version of the terms (it is in force at once)',
        description: `${TERMS_HELP} Affiliates who have not accepted it are asked to in the portal.`,
        // Types and upper bounds only: publishTermsVersion words what a person gets wrong.
        body: Type.Object(
          {
            title: Type.String({ maxLength: 1000 }),
            body: Type.String({ maxLength: 200_000 }),
            summary: Type.Optional(Type.String({ maxLength: 10_000 })),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 201: TermsVersion }, 401, 403, 422),
      },
    },
    async (request, reply) => {
      const published = await publishTermsVersion({ db: db(), actor: actorOf(request), input: request.body });
      return reply.status(201).send(published);
    },
  );

  app.get(
    '/terms-versions/:version',
    {
      preValidation: requireOperator('read'),
      schema: {
        ...common,
        summary: 'One version of the terms, by its number',
        params: TermsVersionParams,
        response: withErrors({ 200: TermsVersion }, 401, 403, 404),
      },
    },
    async (request) => getTermsVersion({ db: db(), version: request.params.version }),
  );

  app.get(
    '/affiliates/:id/terms',
    {
      preValidation: requireOperator('read'),
      schema: {
        ...common,
        summary: 'Which versions of the terms the affiliate accepted, and when',
        params: IdParams,
        response: withErrors({ 200: AffiliateTerms }, 401, 403, 404),
      },
    },
    async (request) => getAffiliateTerms({ db: db(), affiliateId: request.params.id }),
  );
};
