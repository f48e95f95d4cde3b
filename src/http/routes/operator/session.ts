import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { logInStaff } from '../../../core/auth/log-in-staff.ts';
import { logOutStaff } from '../../../core/auth/log-out-staff.ts';
import { STAFF_COOKIE } from '../../context.ts';
import { requireOperator } from '../../plugins/operator-auth.ts';
import { Timestamp, withErrors } from '../../schemas/common.ts';
import { Email, Password, StaffUser } from '../../schemas/staff.ts';

const Me = Type.Object({
  kind: Type.String({ description: 'staff or api_key' }),
  scopes: Type.Array(Type.String()),
  staff: Type.Union([StaffUser, Type.Null()]),
  api_key: Type.Union([Type.Object({ id: Type.Integer(), name: Type.String() }), Type.Null()]),
});

export const sessionRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post(
    '/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign a staff user in to the back office (sets the session cookie)',
        body: Type.Object({ email: Email, password: Password }, { additionalProperties: false }),
        response: withErrors({ 200: Type.Object({ user: StaffUser, expires_at: Timestamp }) }, 401, 422),
      },
    },
    async (request, reply) => {
      const { config, database } = app.deps;
      const session = await logInStaff(database.db, {
        ...request.body,
        ip: request.ip,
        userAgent: request.headers['user-agent'],
        ttlHours: config.sessionTtlHours,
      });
      reply.setCookie(STAFF_COOKIE, session.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: config.cookieSecure,
        expires: session.expiresAt,
      });
      return { user: session.user, expires_at: session.expiresAt };
    },
  );

  app.post(
    '/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'End the current back office session',
        response: { 204: Type.Null() },
      },
    },
    async (request, reply) => {
      const token = request.cookies[STAFF_COOKIE];
      if (token) await logOutStaff(app.deps.database.db, token);
      reply.clearCookie(STAFF_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    {
      preValidation: requireOperator('read'),
      schema: {
        tags: ['auth'],
        summary: 'Who the caller is and what it may do',
        response: withErrors({ 200: Me }, 401),
      },
    },
    async (request) => {
      const p = request.principal!;
      return {
        kind: p.kind,
        scopes: p.scopes,
        staff: p.kind === 'staff' ? p.staff : null,
        api_key: p.kind === 'api_key' ? { id: p.apiKey.id, name: p.apiKey.name } : null,
      };
    },
  );
};
