import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { changePassword } from '../../../core/identity/passwords/change-password.ts';
import { EMAIL_SUBSCRIPTIONS, getProfile } from '../../../core/identity/profile/get-profile.ts';
import { updateProfile } from '../../../core/identity/profile/update-profile.ts';
import { expireStatisticToken } from '../../../core/identity/statistic-token/expire-statistic-token.ts';
import { regenerateStatisticToken } from '../../../core/identity/statistic-token/regenerate-statistic-token.ts';
import {
  partnerActor,
  partnerSecurity,
  portalSessionSecurity,
  requirePartner,
} from '../../plugins/partner-auth.ts';
import { NullableTimestamp, StringEnum, Timestamp, withErrors } from '../../schemas/common.ts';
import { Password } from '../../schemas/staff.ts';
import { StatisticToken } from './schemas.ts';

const Nullable = <T extends ReturnType<typeof Type.String>>(t: T) => Type.Union([t, Type.Null()]);

const Profile = Type.Object(
  {
    id: Type.Integer(),
    affiliate_id: Type.Integer(),
    email: Type.String(),
    first_name: Type.String(),
    last_name: Type.String(),
    title: Type.String(),
    phone: Type.String(),
    work_phone: Type.String(),
    skype: Type.String(),
    telegram: Type.String(),
    timezone: Nullable(Type.String()),
    language: Type.String(),
    report_currency: Nullable(Type.String()),
    email_subscriptions: Type.Array(Type.String()),
    is_owner: Type.Boolean(),
    two_factor_enabled: Type.Boolean(),
    statistic_token: Nullable(Type.String()),
    statistic_token_created_at: NullableTimestamp,
    last_sign_in_at: NullableTimestamp,
    created_at: Timestamp,
  },
  { $id: 'PartnerProfile' },
);

const short = (max: number) => Type.String({ maxLength: max });

const ProfileChange = Type.Object(
  {
    first_name: Type.Optional(short(100)),
    last_name: Type.Optional(short(100)),
    title: Type.Optional(short(100)),
    phone: Type.Optional(short(40)),
    work_phone: Type.Optional(short(40)),
    skype: Type.Optional(short(100)),
    telegram: Type.Optional(short(100)),
    timezone: Type.Optional(Nullable(short(64))),
    language: Type.Optional(short(5)),
    report_currency: Type.Optional(Nullable(short(10))),
    email_subscriptions: Type.Optional(Type.Array(StringEnum(EMAIL_SUBSCRIPTIONS), { uniqueItems: true })),
  },
  { additionalProperties: false },
);

export const partnerProfileRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const tags = ['partner: profile'];
  const me = (request: { partner: { affiliate: { id: number }; user: { id: number } } | null }) => ({
    affiliateId: request.partner!.affiliate.id,
    userId: request.partner!.user.id,
  });

  app.get(
    '/profile',
    {
      preValidation: requirePartner({ beforeTwoFactorSetup: true }),
      schema: {
        tags,
        security: partnerSecurity,
        summary: 'Your account info',
        response: withErrors({ 200: Profile }, 401),
      },
    },
    async (request) => getProfile(db(), request.partner!.affiliate.id, request.partner!.user.id),
  );

  app.patch(
    '/profile',
    {
      preValidation: requirePartner({ session: true }),
      schema: {
        tags,
        security: portalSessionSecurity,
        summary: 'Change contact fields, language, default report currency and email subscriptions',
        body: ProfileChange,
        response: withErrors({ 200: Profile }, 401, 403, 422),
      },
    },
    async (request) =>
      updateProfile({ db: db(), ...me(request), change: request.body, actor: partnerActor(request) }),
  );

  app.post(
    '/profile/password',
    {
      preValidation: requirePartner({ session: true, beforeTwoFactorSetup: true }),
      schema: {
        tags,
        security: portalSessionSecurity,
        summary: 'Change your password; your other sessions end',
        body: Type.Object(
          { current_password: Password, new_password: Password },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: Type.Object({ sessions_ended: Type.Integer() }) }, 401, 403, 422),
      },
    },
    async (request) => {
      const { sessionsEnded } = await changePassword({
        db: db(),
        userId: request.partner!.user.id,
        currentSessionId: request.partner!.sessionId,
        currentPassword: request.body.current_password,
        newPassword: request.body.new_password,
        actor: partnerActor(request),
      });
      return { sessions_ended: sessionsEnded };
    },
  );

  app.post(
    '/profile/statistic-token',
    {
      preValidation: requirePartner({ session: true }),
      schema: {
        tags,
        security: portalSessionSecurity,
        summary:
          'Generate a new statistic token (for report feeds and the report API); the old one stops working',
        response: withErrors({ 200: StatisticToken }, 401, 403),
      },
    },
    async (request) => regenerateStatisticToken({ db: db(), ...me(request), actor: partnerActor(request) }),
  );

  app.delete(
    '/profile/statistic-token',
    {
      preValidation: requirePartner({ session: true }),
      schema: {
        tags,
        security: portalSessionSecurity,
        summary: 'Expire your statistic token',
        response: withErrors({ 204: Type.Null() }, 401, 403),
      },
    },
    async (request, reply) => {
      await expireStatisticToken({ db: db(), ...me(request), actor: partnerActor(request) });
      return reply.status(204).send(null);
    },
  );
};
