import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { acceptTerms } from '../../../core/terms/accept-terms.ts';
import { getAffiliateTerms } from '../../../core/terms/get-affiliate-terms.ts';
import { partnerSecurity, requirePartner } from '../../plugins/partner-auth.ts';
import { withErrors } from '../../schemas/common.ts';
import { AffiliateTerms, TERMS_HELP } from '../../schemas/terms.ts';

/** The portal's terms page: the terms in force, and accepting a new version. */
export const partnerTermsRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const tags = ['portal: terms and conditions'];

  app.get(
    '/terms',
    {
      // Reachable before 2FA is set up: the terms are read before anything else is done.
      preValidation: requirePartner({ beforeTwoFactorSetup: true }),
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'The terms in force and which versions my affiliate account accepted',
        description: TERMS_HELP,
        response: withErrors({ 200: AffiliateTerms }, 401, 403),
      },
    },
    async (request) => getAffiliateTerms({ db: db(), affiliateId: request.partner!.affiliate.id }),
  );

  app.post(
    '/terms/accept',
    {
      preValidation: requirePartner({ beforeTwoFactorSetup: true }),
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'Accept the current terms for my affiliate account',
        description:
          'Send the version read: if a newer one was published meanwhile, the answer is 422 naming `version`. Accepting a version again keeps the first date.',
        body: Type.Object(
          { version: Type.Integer({ minimum: 1, maximum: 2_147_483_647 }) },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: AffiliateTerms }, 401, 403, 422),
      },
    },
    async (request) => {
      const { affiliate, user } = request.partner!;
      return acceptTerms({
        db: db(),
        by: { affiliateId: affiliate.id, userId: user.id, email: user.email, ip: request.ip },
        version: request.body.version,
      });
    },
  );
};
