import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { logInStaff } from '../../../core/auth/log-in-staff.ts';
import { logOutStaff } from '../../../core/auth/log-out-staff.ts';
import { unlockStaffWithToken } from '../../../core/auth/unlock-staff-with-token.ts';
import { AppError } from '../../../core/errors.ts';
import { identityEnv } from '../../../core/identity/context.ts';
import { SignInThrottle } from '../../../core/identity/lockout/sign-in-throttle.ts';
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
  const { identity } = app.deps.config;
  // Its own counters: a staff address and an affiliate user's may be the same.
  const throttle = new SignInThrottle({
    perIp: identity.signInFailuresPerIp,
    perAccount: identity.signInFailuresPerAccount,
    windowSeconds: identity.signInFailureWindowSeconds,
  });

  app.post(
    '/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign a staff user in to the back office (sets the session cookie)',
        description:
          'Failed attempts lock the account after LOCKOUT_ATTEMPTS in a row (then the right password answers ' +
          '403 with details.reason "locked" until an administrator or the emailed link unlocks it) and are ' +
          'rate-limited per address and per account (429 with Retry-After).',
        body: Type.Object({ email: Email, password: Password }, { additionalProperties: false }),
        response: withErrors(
          { 200: Type.Object({ user: StaffUser, expires_at: Timestamp }) },
          401,
          403,
          422,
          429,
        ),
      },
    },
    async (request, reply) => {
      const { config, database, jobs } = app.deps;
      const session = await logInStaff({
        db: database.db,
        env: identityEnv(config),
        jobs,
        throttle,
        input: { ...request.body, ip: request.ip, userAgent: request.headers['user-agent'] },
      }).catch((error: unknown) => {
        const retry = error instanceof AppError && error.code === 'rate_limited' ? error.details : null;
        const seconds = (retry as { retry_after?: number } | null)?.retry_after;
        if (seconds) reply.header('retry-after', String(seconds));
        throw error;
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
    '/auth/unlock',
    {
      schema: {
        tags: ['auth'],
        summary: 'Unlock a staff account with the token from its unlock email (works once)',
        body: Type.Object(
          { token: Type.String({ minLength: 1, maxLength: 200 }) },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: Type.Object({ email: Type.String() }) }, 410, 422),
      },
    },
    async (request) => unlockStaffWithToken({ db: app.deps.database.db, token: request.body.token }),
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
      if (token) await logOutStaff({ db: app.deps.database.db, token });
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
