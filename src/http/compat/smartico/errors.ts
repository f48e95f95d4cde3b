import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { type AppError, ERROR_STATUS, type FieldError } from '../../../core/errors.ts';

/**
 * Smartico's document shows no error body; its APIs answer `errCode` and `errMsg`, so these do,
 * with the HTTP status as errCode, the native AppError code beside it, every bad field in
 * `fields` and the request id (see docs/migrating-from-smartico.md).
 */
export const SmarticoError = Type.Object(
  {
    errCode: Type.Integer({ description: 'The HTTP status' }),
    errMsg: Type.String(),
    code: Type.String({ description: 'The native error code (validation_failed, invalid_state, ...)' }),
    fields: Type.Array(Type.Object({ path: Type.String(), message: Type.String() }), {
      description: 'Every bad field, in the names sent (filter.aff_status_id, range, first_name)',
    }),
    request_id: Type.String(),
  },
  { description: 'Smartico-style error: { errCode, errMsg, code, fields, request_id }' },
);

export const smarticoErrors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [s, SmarticoError])) as Record<number, typeof SmarticoError>;

export function sendSmarticoError(request: FastifyRequest, reply: FastifyReply, error: AppError) {
  const status = ERROR_STATUS[error.code];
  const fields = (error.details as { fields?: FieldError[] } | null)?.fields ?? [];
  return reply.status(status).send({
    errCode: status,
    errMsg: error.message,
    code: error.code,
    fields,
    request_id: request.id,
  });
}
