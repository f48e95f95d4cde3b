import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { AppError } from '../../../core/errors.ts';
import { identityEnv } from '../../../core/identity/context.ts';
import type { SignInThrottle } from '../../../core/identity/lockout/sign-in-throttle.ts';
import { unlockWithToken } from '../../../core/identity/lockout/unlock-with-token.ts';
import { consumeLoginLink } from '../../../core/identity/login-links/consume-login-link.ts';
import { sendPasswordReset } from '../../../core/identity/passwords/send-password-reset.ts';
import { setPasswordWithToken } from '../../../core/identity/passwords/set-password-with-token.ts';
import { getSecuritySettings } from '../../../core/identity/security-settings.ts';
import { sessionOpenedBy } from '../../../core/identity/sessions/session-opened-by.ts';
import { signIn } from '../../../core/identity/sessions/sign-in.ts';
import { signOut } from '../../../core/identity/sessions/sign-out.ts';
import { PORTAL_COOKIE, partnerSecurity, requirePartner } from '../../plugins/partner-auth.ts';
import { Timestamp, withErrors } from '../../schemas/common.ts';
import { Email, Password } from '../../schemas/staff.ts';
import { clearPortalCookie, setPortalCookie } from './portal-cookie.ts';
import { Me, TokenBody } from './schemas.ts';

const Signed = Type.Object({ user_id: Type.Integer(), expires_at: Timestamp });
const tags = ['partner: sign-in'];

export const partnerAuthRoutes: FastifyPluginAsyncTypebox<{
  throttle: SignInThrottle;
}> = async (app, { throttle }) => {
  const db = () => app.deps.database.db;
  const env = () => identityEnv(app.deps.config);

  app.post(
    '/auth/sign-in',
    {
      schema: {
        tags,
        summary: 'Sign an affiliate user in to the portal (sets the portal session cookie)',
        description:
          'With 2FA on, send `code` too (authenticator code, spaces allowed, or a recovery code); without it the ' +
          'answer is 401 with details.reason "two_factor_required". Failed attempts lock the account after ' +
          'LOCKOUT_ATTEMPTS and are rate-limited per address and per account (429 with Retry-After).',
        body: Type.Object(
          { email: Email, password: Password, code: Type.Optional(Type.String({ maxLength: 40 })) },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: Signed }, 401, 403, 422, 429),
      },
    },
    async (request, reply) => {
      try {
        const session = await signIn({
          db: db(),
          env: env(),
          jobs: app.deps.jobs,
          throttle,
          input: { ...request.body, ip: request.ip, userAgent: request.headers['user-agent'] },
        });
        setPortalCookie(reply, app.deps.config, session.token, session.expiresAt);
        return { user_id: session.userId, expires_at: session.expiresAt };
      } catch (error) {
        const retry = (error as AppError).details as { retry_after?: number } | null;
        if (error instanceof AppError && error.code === 'rate_limited' && retry?.retry_after) {
          reply.header('retry-after', String(retry.retry_after));
        }
        throw error;
      }
    },
  );

  app.post(
    '/auth/sso',
    {
      schema: {
        tags,
        summary: 'Open a single sign-on link by its token (what GET /portal/sso does for a browser)',
        body: TokenBody,
        response: withErrors({ 200: Signed }, 403, 410, 422),
      },
    },
    async (request, reply) => {
      const session = await consumeLoginLink({
        db: db(),
        env: env(),
        token: request.body.token,
        ip: request.ip,
        userAgent: request.headers['user-agent'],
      });
      setPortalCookie(reply, app.deps.config, session.token, session.expiresAt);
      return { user_id: session.userId, expires_at: session.expiresAt };
    },
  );

  app.post(
    '/auth/sign-out',
    { schema: { tags, summary: 'End the current portal session', response: { 204: Type.Null() } } },
    async (request, reply) => {
      const token = request.cookies[PORTAL_COOKIE];
      if (token) await signOut({ db: db(), token });
      clearPortalCookie(reply);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/auth/me',
    {
      preValidation: requirePartner({ beforeTwoFactorSetup: true }),
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'Who is signed in, for which affiliate, and the 2FA state',
        response: withErrors({ 200: Me }, 401),
      },
    },
    async (request) => {
      const p = request.partner!;
      const settings = await getSecuritySettings(db());
      return {
        via: p.via,
        user: p.user,
        affiliate: p.affiliate,
        two_factor: { required_by_operator: settings.require_two_factor, verified_at: p.twoFactorVerifiedAt },
        acting_operator: await sessionOpenedBy(db(), p.via === 'session' ? p.sessionId : null),
      };
    },
  );

  app.post(
    '/auth/password/forgot',
    {
      schema: {
        tags,
        summary: 'Email a password reset link (the answer is the same whether the address is known or not)',
        description:
          'Answers 202 alike for every address, without waiting for the email: for an active account the ' +
          'link is issued and its email queued, sent after the answer. One email per address per ' +
          'PASSWORD_RESET_COOLDOWN_SECONDS while its last link is unused.',
        body: Type.Object({ email: Email }, { additionalProperties: false }),
        response: withErrors({ 202: Type.Object({ message: Type.String() }) }, 422, 429),
      },
    },
    async (request, reply) => {
      // The email is a job sent after the commit, so neither the answer nor its timing waits on the
      // mail server; only a real account gets a link and a job.
      await sendPasswordReset({ db: db(), env: env(), jobs: app.deps.jobs, email: request.body.email });
      return reply.status(202).send({ message: 'if the address has an account, a reset link is on its way' });
    },
  );

  app.post(
    '/auth/password/set',
    {
      schema: {
        tags,
        summary: 'Set the password with the token from a set-password or reset email (works once)',
        body: Type.Object(
          { token: Type.String({ minLength: 1, maxLength: 200 }), password: Password },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: Type.Object({ email: Type.String() }) }, 410, 422),
      },
    },
    async (request) => setPasswordWithToken({ db: db(), ...request.body, ip: request.ip }),
  );

  app.post(
    '/auth/unlock',
    {
      schema: {
        tags,
        summary: 'Unlock the account with the token from the unlock email (works once)',
        body: TokenBody,
        response: withErrors({ 200: Type.Object({ email: Type.String() }) }, 410, 422),
      },
    },
    async (request) => unlockWithToken({ db: db(), token: request.body.token, ip: request.ip }),
  );
};
