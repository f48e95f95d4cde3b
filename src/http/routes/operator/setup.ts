import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { completeSetup, hasStaffUsers } from '../../../core/auth/setup.ts';
import { withErrors } from '../../schemas/common.ts';
import { Email, Password, StaffUser } from '../../schemas/staff.ts';

export const setupRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/setup',
    {
      schema: {
        tags: ['auth'],
        summary: 'Whether the platform still needs its first administrator',
        response: { 200: Type.Object({ needs_setup: Type.Boolean() }) },
      },
    },
    async () => ({ needs_setup: !(await hasStaffUsers(app.deps.database.db)) }),
  );

  app.post(
    '/setup',
    {
      schema: {
        tags: ['auth'],
        summary: 'Create the first administrator with the one-time token from the setup link',
        body: Type.Object(
          {
            token: Type.String({ minLength: 1 }),
            email: Email,
            password: Password,
            name: Type.Optional(Type.String({ maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 201: Type.Object({ user: StaffUser }) }, 403, 409, 422),
      },
    },
    async (request, reply) => {
      const user = await completeSetup({ db: app.deps.database.db, input: request.body });
      return reply.status(201).send({ user });
    },
  );
};
