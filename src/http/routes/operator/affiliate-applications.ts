import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { approveApplication } from '../../../core/affiliates/applications/approve-application.ts';
import { declineApplication } from '../../../core/affiliates/applications/decline-application.ts';
import { identityEnv } from '../../../core/identity/context.ts';
import { actorOf } from '../../actor.ts';
import { operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import { IdParams, withErrors } from '../../schemas/common.ts';

/** Deciding affiliate applications (sign-ups waiting for review). */
export const affiliateApplicationRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const env = () => identityEnv(app.deps.config);
  const common = { tags: ['affiliate access'], security: operatorSecurity };

  app.post(
    '/affiliates/:id/approve',
    {
      preValidation: requireOperator('write'),
      schema: {
        ...common,
        summary:
          'Approve a pending (or declined) application: the affiliate becomes active and is told by email',
        params: IdParams,
        response: withErrors({ 204: Type.Null() }, 401, 403, 404, 409),
      },
    },
    async (request, reply) => {
      await approveApplication({
        db: db(),
        env: env(),
        jobs: app.deps.jobs,
        affiliateId: request.params.id,
        actor: actorOf(request),
      });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/affiliates/:id/decline',
    {
      preValidation: requireOperator('write'),
      schema: {
        ...common,
        summary: 'Decline a pending application; the applicant is told by email, with the reason if given',
        params: IdParams,
        body: Type.Object(
          { reason: Type.Optional(Type.String({ maxLength: 1000 })) },
          { additionalProperties: false },
        ),
        response: withErrors({ 204: Type.Null() }, 401, 403, 404, 409, 422),
      },
    },
    async (request, reply) => {
      await declineApplication({
        db: db(),
        env: env(),
        jobs: app.deps.jobs,
        affiliateId: request.params.id,
        reason: request.body?.reason,
        actor: actorOf(request),
      });
      return reply.status(204).send(null);
    },
  );
};
