import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { listSessions } from '../../../core/identity/sessions/list-sessions.ts';
import { terminateSession } from '../../../core/identity/sessions/terminate-session.ts';
import { partnerActor, portalSessionSecurity, requirePartner } from '../../plugins/partner-auth.ts';
import { withErrors } from '../../schemas/common.ts';
import { Session, SessionParams } from './schemas.ts';

export const partnerSessionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const tags = ['partner: sessions'];
  const guard = requirePartner({ session: true, beforeTwoFactorSetup: true });

  app.get(
    '/sessions',
    {
      preValidation: guard,
      schema: {
        tags,
        security: portalSessionSecurity,
        summary: 'Your active sessions (device, address, last seen)',
        response: withErrors({ 200: Type.Object({ data: Type.Array(Session) }) }, 401, 403),
      },
    },
    async (request) => ({
      data: await listSessions(db(), request.partner!.user.id, request.partner!.sessionId),
    }),
  );

  app.delete(
    '/sessions/:id',
    {
      preValidation: guard,
      schema: {
        tags,
        security: portalSessionSecurity,
        summary: 'Terminate one of your sessions (the device using it is signed out)',
        params: SessionParams,
        response: withErrors({ 204: Type.Null() }, 401, 403, 404),
      },
    },
    async (request, reply) => {
      const p = request.partner!;
      await terminateSession({
        db: db(),
        affiliateId: p.affiliate.id,
        userId: p.user.id,
        sessionId: request.params.id,
        actor: partnerActor(request),
      });
      return reply.status(204).send(null);
    },
  );
};
