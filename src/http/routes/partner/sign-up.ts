import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { identityEnv } from '../../../core/identity/context.ts';
import { signUp } from '../../../core/identity/sign-up/sign-up.ts';
import { withErrors } from '../../schemas/common.ts';

// Types and upper bounds only: what a person types wrong (empty, not an email, a weak password,
// the terms) is judged by signUp with the affiliate's own checks, so one answer lists it all.
const name = Type.String({ maxLength: 100, description: 'Required (not empty)' });
const Email = Type.String({
  maxLength: 254,
  description: 'An email address; the applicant signs in with it',
});
const Password = Type.String({
  maxLength: 256,
  description: '8+ characters with an uppercase, a lowercase and a non-alphanumeric character',
});

export const partnerSignUpRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/sign-up',
    {
      schema: {
        tags: ['partner: sign-in'],
        summary: 'Apply to the affiliate program: a pending affiliate the operator approves or declines',
        description:
          'Pass `ref` from a sub-affiliate link (`/portal/signup?ref=<referral code>`, or an affiliate id) to ' +
          'record the referring affiliate; without it the `affluent_ref` cookie of the referral link counts. ' +
          'The applicant can sign in once approved; emails tell them each step. The answer is the same for an ' +
          'address that already has an account (its owner is emailed a notice instead), so it names no affiliate.',
        body: Type.Object(
          {
            email: Email,
            password: Password,
            first_name: name,
            last_name: name,
            company_name: Type.Optional(Type.String({ maxLength: 200 })),
            website_url: Type.Optional(Type.String({ maxLength: 2048 })),
            phone: Type.Optional(Type.String({ maxLength: 32 })),
            country_code: Type.Optional(Type.String({ maxLength: 2 })),
            traffic_source_id: Type.Optional(
              Type.Integer({
                description: 'The main traffic source, one of GET /api/partner/v1/traffic-sources',
              }),
            ),
            terms_accepted: Type.Boolean({
              description: 'Must be true: the terms and conditions are accepted',
            }),
            ref: Type.Optional(Type.String({ maxLength: 64 })),
            promo: Type.Optional(
              Type.String({
                maxLength: 64,
                description:
                  "The promo code of a sub-affiliate tracking link (a promo whose landing is for sub-affiliates; its URL passes `promo={{promo_code}}` to /portal/signup): recorded as the promo and campaign the sub-affiliate came through, and the promo's affiliate becomes the referrer. Ignored when unknown, or when `ref` names another affiliate.",
              }),
            ),
          },
          { additionalProperties: false },
        ),
        response: withErrors(
          {
            201: Type.Object({
              status: Type.Literal('pending'),
              message: Type.String(),
            }),
          },
          409,
          422,
          429,
        ),
      },
    },
    async (request, reply) => {
      await signUp({
        db: app.deps.database.db,
        env: identityEnv(app.deps.config),
        jobs: app.deps.jobs,
        input: {
          ...request.body,
          // The referral link (/r/<code>) also leaves its code in a cookie, for a form that lost the
          // query; a promo's link, the newer and explicit one, wins over an old cookie.
          ref: request.body.ref || (request.body.promo ? undefined : request.cookies.affluent_ref),
          ip: request.ip,
          userAgent: request.headers['user-agent'],
          referrerUrl: typeof request.headers.referer === 'string' ? request.headers.referer : null,
        },
      });
      return reply.status(201).send({
        status: 'pending' as const,
        message: 'application received; you will get an email once it is reviewed',
      });
    },
  );
};
