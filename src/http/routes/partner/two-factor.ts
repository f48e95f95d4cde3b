import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { getAffiliateUser } from '../../../core/identity/affiliate-user.ts';
import { identityEnv } from '../../../core/identity/context.ts';
import { getSecuritySettings } from '../../../core/identity/security-settings.ts';
import { confirmTwoFactor } from '../../../core/identity/two-factor/confirm-two-factor.ts';
import { disableTwoFactor } from '../../../core/identity/two-factor/disable-two-factor.ts';
import { remainingRecoveryCodes } from '../../../core/identity/two-factor/recovery-codes.ts';
import { regenerateRecoveryCodes } from '../../../core/identity/two-factor/regenerate-recovery-codes.ts';
import { startTwoFactor } from '../../../core/identity/two-factor/start-two-factor.ts';
import { verifyTwoFactor } from '../../../core/identity/two-factor/verify-two-factor.ts';
import { partnerActor, portalSessionSecurity, requirePartner } from '../../plugins/partner-auth.ts';
import { Timestamp, withErrors } from '../../schemas/common.ts';
import { CodeBody } from './schemas.ts';

const Status = Type.Object({
  enabled: Type.Boolean(),
  pending: Type.Boolean({ description: 'Set-up started and waiting for a confirming code' }),
  recovery_codes_left: Type.Integer(),
  required_by_operator: Type.Boolean(),
});
const Setup = Type.Object({
  secret: Type.String({ description: 'Base32, to type into an app that cannot scan' }),
  otpauth_url: Type.String(),
  qr_code_data_url: Type.String({ description: 'PNG data URL of the otpauth URL' }),
  qr_code_svg: Type.String(),
});
const LOCKS =
  'Wrong codes count with those of every other check; TWO_FACTOR_LOCKOUT_ATTEMPTS in a row lock the account ' +
  '(403, details.reason "two_factor_locked", and an unlock email).';
const RecoveryCodes = Type.Object({
  recovery_codes: Type.Array(Type.String(), { description: 'Each works once; shown only now' }),
});

export const partnerTwoFactorRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const env = () => identityEnv(app.deps.config);
  const tags = ['partner: two-factor authentication'];
  const guard = requirePartner({ session: true, beforeTwoFactorSetup: true });
  const common = { tags, security: portalSessionSecurity };

  app.get(
    '/two-factor',
    {
      preValidation: guard,
      schema: { ...common, summary: 'Your 2FA state', response: withErrors({ 200: Status }, 401, 403) },
    },
    async (request) => {
      const user = await getAffiliateUser(db(), request.partner!.user.id);
      return {
        enabled: user.totp_enabled_at !== null,
        pending: user.totp_enabled_at === null && user.totp_pending_secret !== null,
        recovery_codes_left: await remainingRecoveryCodes(db(), user.id),
        required_by_operator: (await getSecuritySettings(db())).require_two_factor,
      };
    },
  );

  app.post(
    '/two-factor/setup',
    {
      preValidation: guard,
      schema: {
        ...common,
        summary: 'Start turning 2FA on: a new secret and its QR code to scan',
        response: withErrors({ 200: Setup }, 401, 403, 409),
      },
    },
    async (request) => startTwoFactor({ db: db(), env: env(), userId: request.partner!.user.id }),
  );

  app.post(
    '/two-factor/confirm',
    {
      preValidation: guard,
      schema: {
        ...common,
        summary: 'Turn 2FA on with a code from the app; returns the one-time recovery codes',
        body: CodeBody,
        response: withErrors({ 200: RecoveryCodes }, 401, 403, 409, 422),
      },
    },
    async (request) => {
      const { recoveryCodes } = await confirmTwoFactor({
        db: db(),
        env: env(),
        userId: request.partner!.user.id,
        code: request.body.code,
        sessionId: request.partner!.sessionId,
        actor: partnerActor(request),
      });
      return { recovery_codes: recoveryCodes };
    },
  );

  app.post(
    '/two-factor/disable',
    {
      preValidation: guard,
      schema: {
        ...common,
        summary: 'Turn 2FA off, proved with a current code or a recovery code',
        description: LOCKS,
        body: CodeBody,
        response: withErrors({ 204: Type.Null() }, 401, 403, 409, 422),
      },
    },
    async (request, reply) => {
      await disableTwoFactor({
        db: db(),
        env: env(),
        jobs: app.deps.jobs,
        userId: request.partner!.user.id,
        code: request.body.code,
        actor: partnerActor(request),
      });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/two-factor/verify',
    {
      preValidation: guard,
      schema: {
        ...common,
        summary: 'Confirm a code for this session, before financial actions',
        description: LOCKS,
        body: CodeBody,
        response: withErrors({ 200: Type.Object({ verified_at: Timestamp }) }, 401, 403, 409, 422),
      },
    },
    async (request) => ({
      verified_at: await verifyTwoFactor({
        db: db(),
        env: env(),
        jobs: app.deps.jobs,
        userId: request.partner!.user.id,
        sessionId: request.partner!.sessionId!,
        code: request.body.code,
        ip: request.ip,
      }),
    }),
  );

  app.post(
    '/two-factor/recovery-codes',
    {
      preValidation: guard,
      schema: {
        ...common,
        summary: 'Replace the recovery codes (the old ones stop working), proved with a current code',
        description: LOCKS,
        body: CodeBody,
        response: withErrors({ 200: RecoveryCodes }, 401, 403, 409, 422),
      },
    },
    async (request) => ({
      recovery_codes: await regenerateRecoveryCodes({
        db: db(),
        env: env(),
        jobs: app.deps.jobs,
        userId: request.partner!.user.id,
        code: request.body.code,
        actor: partnerActor(request),
      }),
    }),
  );
};
