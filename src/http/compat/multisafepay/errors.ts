import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { type AppError, ERROR_STATUS, type FieldError } from '../../../core/errors.ts';

/** MultiSafepay's 404 (and every other refusal that is not about the input): `error_code` is the HTTP status. */
export const MspNotFound = Type.Object(
  {
    success: Type.Literal(false),
    data: Type.Array(Type.Unknown(), { maxItems: 0 }),
    error_code: Type.Integer({ description: 'The HTTP status (401, 403, 404, 429, 500)' }),
    error_info: Type.String(),
  },
  { description: 'MultiSafepay error: { success: false, data: [], error_code, error_info }' },
);

export const MspValidation = Type.Object(
  {
    success: Type.Literal(false),
    message: Type.String(),
    errors: Type.Array(
      Type.Object({
        attribute: Type.String({ description: 'The field, as sent (amount, email, schedule[1])' }),
        details: Type.String({
          description: 'The native error code (validation_failed, insufficient_funds, ...)',
        }),
        message: Type.String(),
        uri: Type.String({ description: 'The call refused' }),
      }),
    ),
  },
  { description: 'MultiSafepay validation error (422): every bad field in errors' },
);

/** The responses of a route: MultiSafepay's shapes for each refusal. */
export const mspErrors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [s, s === 422 ? MspValidation : MspNotFound])) as Record<
    number,
    typeof MspNotFound | typeof MspValidation
  >;

/**
 * What the caller can fix in the request is a 422 listing each field: bad input, but also an
 * order_id reused with another body and a payout the balance does not cover (natively 409s), as
 * MultiSafepay refuses those as unprocessable; the rest keeps its status in the 404 shape.
 */
const UNPROCESSABLE = new Set([
  'validation_failed',
  'idempotency_conflict',
  'insufficient_funds',
  'invalid_state',
  'conflict',
]);

export function sendMspError(request: FastifyRequest, reply: FastifyReply, error: AppError) {
  const uri = request.url.split('?')[0] ?? '';
  if (UNPROCESSABLE.has(error.code)) {
    const fields = (error.details as { fields?: FieldError[] } | null)?.fields ?? [];
    const attribute =
      error.code === 'idempotency_conflict'
        ? 'order_id'
        : error.code === 'insufficient_funds'
          ? 'amount'
          : '';
    const errors = fields.length
      ? fields.map((f) => ({ attribute: f.path, details: error.code, message: f.message, uri }))
      : typeof (error.details as { attribute?: unknown } | null)?.attribute === 'string'
        ? [
            {
              attribute: (error.details as { attribute: string }).attribute,
              details: error.code,
              message: error.message,
              uri,
            },
          ]
        : [{ attribute, details: error.code, message: error.message, uri }];
    return reply.status(422).send({ success: false, message: error.message, errors });
  }
  const status = ERROR_STATUS[error.code];
  return reply
    .status(status)
    .send({ success: false, data: [], error_code: status, error_info: error.message });
}
