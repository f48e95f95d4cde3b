import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { listOutbox } from '../../../core/email/list-outbox.ts';
import { AppError } from '../../../core/errors.ts';
import { operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import { Timestamp, withErrors } from '../../schemas/common.ts';

const Message = Type.Object({
  id: Type.Integer(),
  template: Type.String(),
  to: Type.String(),
  subject: Type.String(),
  text: Type.Union([Type.String(), Type.Null()]),
  html: Type.Union([Type.String(), Type.Null()]),
  transport: Type.String(),
  status: Type.String(),
  attachments: Type.Array(Type.Object({ filename: Type.String(), bytes: Type.Integer() }), {
    description: 'Files sent with the message: name and size in bytes',
  }),
  created_at: Timestamp,
});

/** Emails kept instead of sent while no SMTP_URL is configured (development and trials). */
export const devOutboxRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/dev/outbox',
    {
      preValidation: requireOperator('admin'),
      schema: {
        tags: ['settings'],
        security: operatorSecurity,
        summary: 'The development outbox: emails kept instead of sent (only while SMTP_URL is not set)',
        querystring: Type.Object(
          {
            to: Type.Optional(Type.String({ maxLength: 254 })),
            limit: Type.Integer({ minimum: 1, maximum: 200, default: 50 }),
          },
          { additionalProperties: false },
        ),
        response: withErrors({ 200: Type.Object({ data: Type.Array(Message) }) }, 401, 403, 404),
      },
    },
    async (request) => {
      if (app.deps.config.identity.smtpUrl) {
        throw new AppError('not_found', 'the development outbox is off: emails go through SMTP_URL');
      }
      return { data: await listOutbox(app.deps.database.db, request.query) };
    },
  );
};
