/**
 * The one error type of the platform. Core code throws it with a code from this table; the HTTP
 * layer turns it into `{ error: { code, message, details, request_id } }` with the mapped status,
 * and compatibility adapters render the same error in their vendor's shape.
 */
export const ERROR_STATUS = {
  bad_request: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  invalid_state: 409,
  idempotency_conflict: 409,
  insufficient_funds: 409,
  gone: 410,
  payload_too_large: 413,
  unsupported_media_type: 415,
  validation_failed: 422,
  rate_limited: 429,
  internal_error: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** One bad input: `path` is dotted (`users[0].email`), as a client would name the field. */
export interface FieldError {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details: unknown = null) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  static validation(fields: FieldError[], message?: string): AppError {
    const summary = message ?? fields.map((f) => `${f.path || 'body'}: ${f.message}`).join('; ');
    return new AppError('validation_failed', summary, { fields });
  }

  static field(path: string, message: string): AppError {
    return AppError.validation([{ path, message }]);
  }

  static notFound(what: string): AppError {
    return new AppError('not_found', `${what} not found`);
  }
}
