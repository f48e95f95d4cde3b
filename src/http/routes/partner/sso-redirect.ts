import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../../core/errors.ts';
import { identityEnv } from '../../../core/identity/context.ts';
import { consumeLoginLink } from '../../../core/identity/login-links/consume-login-link.ts';
import { setPortalCookie } from './portal-cookie.ts';

/**
 * GET /portal/sso?token=...: where a single sign-on URL points. The server opens the link, sets
 * the portal session cookie and sends the browser to the portal; a used or expired link goes to
 * the sign-in page with the reason instead.
 */
export const portalSsoRoute: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/portal/sso',
    {
      schema: {
        hide: true,
        querystring: Type.Object({ token: Type.String({ maxLength: 200, default: '' }) }),
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store').header('referrer-policy', 'no-referrer');
      try {
        const session = await consumeLoginLink({
          db: app.deps.database.db,
          env: identityEnv(app.deps.config),
          token: request.query.token,
          ip: request.ip,
          userAgent: request.headers['user-agent'],
        });
        setPortalCookie(reply, app.deps.config, session.token, session.expiresAt);
        return reply.redirect('/portal', 303);
      } catch (error) {
        if (!(error instanceof AppError) || !['gone', 'forbidden'].includes(error.code)) throw error;
        return reply.redirect(
          `/portal/sign-in?error=${error.code === 'gone' ? 'link_invalid' : 'account_unavailable'}`,
          303,
        );
      }
    },
  );
};
