import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { createStaff } from '../../../core/auth/create-staff.ts';
import { getStaff, listStaff } from '../../../core/auth/list-staff.ts';
import { ROLE_DESCRIPTIONS, ROLE_SCOPES, ROLES } from '../../../core/auth/roles.ts';
import { setStaffPassword } from '../../../core/auth/set-staff-password.ts';
import { unlockStaff } from '../../../core/auth/unlock-staff.ts';
import { updateStaff } from '../../../core/auth/update-staff.ts';
import { AppError } from '../../../core/errors.ts';
import { identityEnv } from '../../../core/identity/context.ts';
import { actorOf } from '../../actor.ts';
import { operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import { IdParams, StringEnum, withErrors } from '../../schemas/common.ts';
import { Email, Password, StaffUser } from '../../schemas/staff.ts';

const Role = StringEnum(ROLES);

export const staffRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = () => app.deps.database.db;
  const tags = ['staff'];
  const common = { tags, security: operatorSecurity };

  app.get(
    '/roles',
    {
      preValidation: requireOperator('read'),
      schema: {
        ...common,
        summary: 'Operator roles and the scopes each grants',
        response: withErrors(
          {
            200: Type.Object({
              data: Type.Array(
                Type.Object({ role: Role, scopes: Type.Array(Type.String()), description: Type.String() }),
              ),
            }),
          },
          401,
        ),
      },
    },
    async () => ({
      data: ROLES.map((role) => ({ role, scopes: ROLE_SCOPES[role], description: ROLE_DESCRIPTIONS[role] })),
    }),
  );

  app.get(
    '/staff',
    {
      preValidation: requireOperator('admin'),
      schema: {
        ...common,
        summary: 'List staff users',
        response: withErrors({ 200: Type.Object({ data: Type.Array(StaffUser) }) }, 401, 403),
      },
    },
    async () => ({ data: await listStaff(db()) }),
  );

  app.get(
    '/staff/:id',
    {
      preValidation: requireOperator('admin'),
      schema: {
        ...common,
        summary: 'One staff user',
        params: IdParams,
        response: withErrors({ 200: StaffUser }, 401, 403, 404),
      },
    },
    async (request) => {
      const staff = await getStaff(db(), request.params.id);
      if (!staff) throw AppError.notFound(`staff user ${request.params.id}`);
      return staff;
    },
  );

  app.post(
    '/staff',
    {
      preValidation: requireOperator('admin'),
      schema: {
        ...common,
        summary: 'Add a staff user; without a password they get an email to set one',
        body: Type.Object(
          {
            email: Email,
            name: Type.Optional(Type.String({ maxLength: 200 })),
            role: Role,
            managed_affiliates_only: Type.Optional(
              Type.Boolean({ description: 'Reach only the affiliates they manage' }),
            ),
            password: Type.Optional(Password),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 201: StaffUser }, 401, 403, 409, 422),
      },
    },
    async (request, reply) => {
      const staff = await createStaff({
        db: db(),
        env: identityEnv(app.deps.config),
        jobs: app.deps.jobs,
        actor: actorOf(request),
        input: request.body,
      });
      return reply.status(201).send(staff);
    },
  );

  app.patch(
    '/staff/:id',
    {
      preValidation: requireOperator('admin'),
      schema: {
        ...common,
        summary:
          'Rename, change the role of, limit, block or unblock a staff user (blocking ends their sessions)',
        params: IdParams,
        body: Type.Object(
          {
            name: Type.Optional(Type.String({ maxLength: 200 })),
            role: Type.Optional(Role),
            status: Type.Optional(StringEnum(['active', 'blocked'])),
            managed_affiliates_only: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: withErrors({ 200: StaffUser }, 401, 403, 404, 409, 422),
      },
    },
    async (request) =>
      updateStaff({ db: db(), actor: actorOf(request), id: request.params.id, change: request.body }),
  );

  app.post(
    '/staff/:id/unlock',
    {
      preValidation: requireOperator('admin'),
      schema: {
        ...common,
        summary: 'Unlock a staff user locked by failed sign-ins (unlocking twice is not an error)',
        params: IdParams,
        response: withErrors({ 200: StaffUser }, 401, 403, 404),
      },
    },
    async (request) => unlockStaff({ db: db(), actor: actorOf(request), id: request.params.id }),
  );

  app.post(
    '/auth/set-password',
    {
      schema: {
        tags: ['auth'],
        summary: "Set a new staff user's password with the token from their email (works once)",
        body: Type.Object(
          { token: Type.String({ minLength: 1, maxLength: 200 }), password: Password },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: Type.Object({ email: Type.String() }) }, 410, 422),
      },
    },
    async (request) => setStaffPassword({ db: db(), input: request.body }),
  );
};
