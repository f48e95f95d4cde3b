import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, ERROR_STATUS, type ErrorCode } from '../../core/errors.ts';
import { fieldErrors } from './validation-fields.ts';

const CODE_BY_STATUS: Record<number, ErrorCode> = {
  400: 'bad_request',
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  405: 'method_not_allowed',
  409: 'conflict',
  410: 'gone',
  413: 'payload_too_large',
  415: 'unsupported_media_type',
  422: 'validation_failed',
  429: 'rate_limited',
  503: 'unavailable',
};

/** What was validated in each part of the request, so a message can tell empty from too short. */
function validatedPart(request: FastifyRequest | undefined, part: string): unknown {
  if (!request) return undefined;
  if (part === 'querystring') return request.query;
  if (part === 'params') return request.params;
  if (part === 'headers') return request.headers;
  return request.body;
}

/** Turns anything thrown into the one AppError shape; unknown failures become a bare 500. */
export function toAppError(error: FastifyError | Error, request?: FastifyRequest): AppError {
  if (error instanceof AppError) return error;
  const fe = error as FastifyError;
  if (fe.validation) {
    const part = fe.validationContext ?? 'body';
    const fields = fieldErrors(fe.validation as any[], part, validatedPart(request, part));
    return AppError.validation(
      fields.map((f) => ({ ...f, path: f.path || f.in })),
      fields.map((f) => `${f.path || f.in}: ${f.message}`).join('; '),
    );
  }
  if (fe.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError) {
    return new AppError('bad_request', 'the request body is not valid JSON');
  }
  // @fastify/multipart says 406 (Not Acceptable) for a body that is not multipart: it is a 415.
  if (fe.code === 'FST_INVALID_MULTIPART_CONTENT_TYPE') {
    return new AppError('unsupported_media_type', 'send the form as multipart/form-data');
  }
  const status = fe.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    return new AppError(CODE_BY_STATUS[status] ?? 'bad_request', error.message);
  }
  if (status === 503) return new AppError('unavailable', error.message);
  return new AppError(
    'internal_error',
    'an internal error occurred; the request id identifies it in the logs',
  );
}

export function sendError(request: FastifyRequest, reply: FastifyReply, error: AppError): FastifyReply {
  return reply.status(ERROR_STATUS[error.code]).send({
    error: {
      code: error.code,
      message: error.message,
      details: error.details ?? null,
      request_id: request.id,
    },
  });
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = toAppError(error, request);
    if (appError.code === 'internal_error') request.log.error({ err: error }, 'request failed');
    return sendError(request, reply, appError);
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(
      request,
      reply,
      new AppError('not_found', `no route for ${request.method} ${request.url.split('?')[0]}`),
    ),
  );
}
