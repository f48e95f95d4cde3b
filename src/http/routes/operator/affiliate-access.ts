import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { assertManagesAffiliates } from '../../../core/auth/managed-affiliates.ts';
import { AppError } from '../../../core/errors.ts';
import { getAffiliateUser } from '../../../core/identity/affiliate-user.ts';
import { identityEnv } from '../../../core/identity/context.ts';
import { listAffiliateEvents } from '../../../core/identity/event-log/list-affiliate-events.ts';
import { unlockUser } from '../../../core/identity/lockout/unlock-user.ts';
import { createLoginUrl } from '../../../core/identity/login-links/create-login-url.ts';
import { sendPasswordEmail } from '../../../core/identity/passwords/send-password-email.ts';
import { disableTwoFactor } from '../../../core/identity/two-factor/disable-two-factor.ts';
import { actorOf } from '../../actor.ts';
import { managedBy, operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import { EventsPage, EventsQuery } from '../../schemas/affiliate-events.ts';
import { IdParams, Timestamp, withErrors } from '../../schemas/common.ts';

/** The operator's side of affiliate access: sign-in links, the events log, user support. */
export const affiliateAccessRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const env = () => identityEnv(app.deps.config);
  const tags = ['affiliate access'];
  const common = { tags, security: operatorSecurity };

  const actor = actorOf;
  /** An affiliate user, checked against a limited manager's affiliates like /affiliates/:id is. */
  const userFor = async (request: FastifyRequest, id: number) => {
    const user = await getAffiliateUser(db(), id);
    const manager = managedBy(request.principal);
    if (manager !== null) {
      await assertManagesAffiliates(db(), manager, [user.affiliate_id]).catch(() => {
        throw AppError.notFound(`affiliate user ${id}`);
      });
    }
    return user;
  };

  app.post(
    '/affiliates/:id/login-urls',
    {
      preValidation: requireOperator('support'),
      schema: {
        ...common,
        summary: "Create a one-time URL that signs the affiliate's owner into the portal",
        body: Type.Object(
          {
            expires_in: Type.Union([Type.String({ maxLength: 16 }), Type.Integer({ minimum: 1 })], {
              description:
                'A number with a unit (y, w, d, h, m, s), e.g. "5m", "2d", or a bare number of seconds',
              default: '5m',
            }),
          },
          { additionalProperties: false },
        ),
        params: IdParams,
        response: withErrors(
          { 201: Type.Object({ url: Type.String(), expires_at: Timestamp }) },
          401,
          403,
          404,
          409,
          422,
        ),
      },
    },
    async (request, reply) => {
      const created = await createLoginUrl({
        db: db(),
        env: env(),
        actor: actor(request),
        affiliateId: request.params.id,
        expiresIn: request.body.expires_in,
      });
      return reply.status(201).send(created);
    },
  );

  app.get(
    '/affiliates/:id/events',
    {
      preValidation: requireOperator('read'),
      schema: {
        ...common,
        summary: "The affiliate's events log (what its users see in the portal), newest first",
        params: IdParams,
        querystring: EventsQuery,
        response: withErrors({ 200: EventsPage }, 401, 403, 404, 422),
      },
    },
    async (request) => {
      const { type, user_id, before_id, limit } = request.query;
      const found = await db()
        .selectFrom('affiliates')
        .select('id')
        .where('id', '=', request.params.id)
        .executeTakeFirst();
      if (!found) throw AppError.notFound(`affiliate ${request.params.id}`);
      return listAffiliateEvents(db(), request.params.id, {
        types: type,
        userId: user_id,
        beforeId: before_id,
        limit,
      });
    },
  );

  app.post(
    '/affiliate-users/:id/unlock',
    {
      preValidation: requireOperator('support'),
      schema: {
        ...common,
        summary: 'Unlock an affiliate user locked after failed sign-ins',
        params: IdParams,
        response: withErrors({ 204: Type.Null() }, 401, 403, 404),
      },
    },
    async (request, reply) => {
      const user = await userFor(request, request.params.id);
      await unlockUser({ db: db(), actor: actor(request), userId: user.id });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/affiliate-users/:id/two-factor/reset',
    {
      preValidation: requireOperator('support'),
      schema: {
        ...common,
        summary: 'Turn off the 2FA of an affiliate user who lost their device (they set it up again)',
        params: IdParams,
        response: withErrors({ 204: Type.Null() }, 401, 403, 404),
      },
    },
    async (request, reply) => {
      const user = await userFor(request, request.params.id);
      await disableTwoFactor({
        db: db(),
        env: env(),
        jobs: app.deps.jobs,
        userId: user.id,
        code: null,
        actor: actor(request),
      });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/affiliate-users/:id/password-email',
    {
      preValidation: requireOperator('support'),
      schema: {
        ...common,
        summary:
          'Email the user a link to set their password (an invitation) or, when they have one, to reset it',
        params: IdParams,
        response: withErrors({ 202: Type.Object({ sent: Type.String() }) }, 401, 403, 404, 409),
      },
    },
    async (request, reply) => {
      const user = await userFor(request, request.params.id);
      const sent = await sendPasswordEmail({
        db: db(),
        env: env(),
        jobs: app.deps.jobs,
        actor: actor(request),
        userId: user.id,
      });
      return reply.status(202).send({ sent });
    },
  );
};
