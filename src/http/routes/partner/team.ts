import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { displayName, findAffiliateUser, toUserView } from '../../../core/identity/affiliate-user.ts';
import { identityEnv } from '../../../core/identity/context.ts';
import { listSessions } from '../../../core/identity/sessions/list-sessions.ts';
import { terminateSession } from '../../../core/identity/sessions/terminate-session.ts';
import { expireStatisticToken } from '../../../core/identity/statistic-token/expire-statistic-token.ts';
import { regenerateStatisticToken } from '../../../core/identity/statistic-token/regenerate-statistic-token.ts';
import { addTeamMember } from '../../../core/identity/team/add-team-member.ts';
import { listTeamMembers } from '../../../core/identity/team/list-team-members.ts';
import { updateTeamMember } from '../../../core/identity/team/update-team-member.ts';
import { partnerActor, portalSessionSecurity, requirePartner } from '../../plugins/partner-auth.ts';
import { IdParams, StringEnum, withErrors } from '../../schemas/common.ts';
import { Email } from '../../schemas/staff.ts';
import { Session, StatisticToken, TeamMember, UserSessionParams } from './schemas.ts';

export const partnerTeamRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const tags = ['partner: team members'];
  // Team management is the owner's, and only from a signed-in session.
  const guard = requirePartner({ owner: true, session: true });
  const common = { tags, security: portalSessionSecurity };
  const affiliateOf = (request: { partner: { affiliate: { id: number } } | null }) =>
    request.partner!.affiliate.id;

  app.get(
    '/users',
    {
      preValidation: guard,
      schema: {
        ...common,
        summary: 'Team members: created at, last sign-in, 2FA on or off, blocked, locked',
        response: withErrors({ 200: Type.Object({ data: Type.Array(TeamMember) }) }, 401, 403),
      },
    },
    async (request) => ({ data: await listTeamMembers(db(), affiliateOf(request)) }),
  );

  app.post(
    '/users',
    {
      preValidation: guard,
      schema: {
        ...common,
        summary: 'Add a team member; a set-password email goes to them',
        body: Type.Object(
          {
            email: Email,
            first_name: Type.Optional(Type.String({ maxLength: 100 })),
            last_name: Type.Optional(Type.String({ maxLength: 100 })),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 201: TeamMember }, 401, 403, 409, 422),
      },
    },
    async (request, reply) => {
      const p = request.partner!;
      const member = await addTeamMember({
        db: db(),
        env: identityEnv(app.deps.config),
        jobs: app.deps.jobs,
        affiliateId: p.affiliate.id,
        member: request.body,
        actor: partnerActor(request),
        inviter: `${displayName(p.user)} (${p.affiliate.name})`,
      });
      return reply.status(201).send(member);
    },
  );

  app.get(
    '/users/:id',
    {
      preValidation: guard,
      schema: {
        ...common,
        summary: 'One team member',
        params: IdParams,
        response: withErrors({ 200: TeamMember }, 401, 403, 404),
      },
    },
    async (request) => toUserView(await findAffiliateUser(db(), affiliateOf(request), request.params.id)),
  );

  app.patch(
    '/users/:id',
    {
      preValidation: guard,
      schema: {
        ...common,
        summary: 'Block or unblock a team member, or unlock them after failed sign-ins',
        params: IdParams,
        body: Type.Object(
          {
            status: Type.Optional(StringEnum(['active', 'blocked'])),
            locked: Type.Optional(Type.Literal(false)),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: TeamMember }, 401, 403, 404, 409, 422),
      },
    },
    async (request) =>
      updateTeamMember({
        db: db(),
        affiliateId: affiliateOf(request),
        userId: request.params.id,
        change: request.body,
        actor: partnerActor(request),
      }),
  );

  app.get(
    '/users/:id/sessions',
    {
      preValidation: guard,
      schema: {
        ...common,
        summary: "A team member's active sessions",
        params: IdParams,
        response: withErrors({ 200: Type.Object({ data: Type.Array(Session) }) }, 401, 403, 404),
      },
    },
    async (request) => {
      const user = await findAffiliateUser(db(), affiliateOf(request), request.params.id);
      return { data: await listSessions(db(), user.id, request.partner!.sessionId) };
    },
  );

  app.delete(
    '/users/:id/sessions/:session_id',
    {
      preValidation: guard,
      schema: {
        ...common,
        summary: "Terminate a team member's session",
        params: UserSessionParams,
        response: withErrors({ 204: Type.Null() }, 401, 403, 404),
      },
    },
    async (request, reply) => {
      await terminateSession({
        db: db(),
        affiliateId: affiliateOf(request),
        userId: request.params.id,
        sessionId: request.params.session_id,
        actor: partnerActor(request),
      });
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/users/:id/statistic-token',
    {
      preValidation: guard,
      schema: {
        ...common,
        summary: "Regenerate a team member's statistic token",
        params: IdParams,
        response: withErrors({ 200: StatisticToken }, 401, 403, 404),
      },
    },
    async (request) =>
      regenerateStatisticToken({
        db: db(),
        affiliateId: affiliateOf(request),
        userId: request.params.id,
        actor: partnerActor(request),
      }),
  );

  app.delete(
    '/users/:id/statistic-token',
    {
      preValidation: guard,
      schema: {
        ...common,
        summary: "Expire a team member's statistic token",
        params: IdParams,
        response: withErrors({ 204: Type.Null() }, 401, 403, 404),
      },
    },
    async (request, reply) => {
      await expireStatisticToken({
        db: db(),
        affiliateId: affiliateOf(request),
        userId: request.params.id,
        actor: partnerActor(request),
      });
      return reply.status(204).send(null);
    },
  );
};
