import createClient from 'openapi-fetch';
import type { components, paths } from './schema.d.ts';

/** The server's one error shape, `{ error: { code, message, details, request_id } }`. */
export type ErrorBody = components['schemas']['ErrorBody'];
export type ErrorCode = ErrorBody['error']['code'];

// Same origin in production and behind the dev proxy; the session cookie must travel with every call.
export const api = createClient<paths>({ baseUrl: '', credentials: 'include' });

/** A failed call, carrying what the server said so pages can show its message and field errors. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | null;
  readonly details: unknown;
  readonly requestId: string | null;

  constructor(status: number, body: ErrorBody | null) {
    super(body?.error.message ?? `the server answered ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = body?.error.code ?? null;
    this.details = body?.error.details ?? null;
    this.requestId = body?.error.request_id ?? null;
  }
}

// A proxy or a crashed server can answer with something else entirely, so the shape is checked.
function isErrorBody(value: unknown): value is ErrorBody {
  const error = (value as { error?: unknown } | null)?.error as Record<string, unknown> | undefined;
  return typeof error === 'object' && error !== null && typeof error.message === 'string';
}

interface Outcome<D, E> {
  data?: D;
  error?: E;
  response: Response;
}

/**
 * Awaits an openapi-fetch call and returns its data, throwing ApiError on any non-2xx answer, so
 * react-query sees failures as failures: `unwrap(api.GET('/api/v1/auth/me'))`.
 */
export async function unwrap<D, E>(call: Promise<Outcome<D, E>>): Promise<D> {
  const { data, error, response } = await call;
  if (!response.ok) throw new ApiError(response.status, isErrorBody(error) ? error : null);
  return data as D;
}

export function isUnauthenticated(error: unknown): boolean {
  return error instanceof ApiError && error.status === 401;
}

/**
 * openapi-fetch's bodySerializer for multipart bodies: every field given, files last, since the
 * server reads the parts in order and wants the details before the bytes.
 */
export function multipart(body: Record<string, string | Blob | undefined>): FormData {
  const form = new FormData();
  const fields = Object.entries(body).filter(([, value]) => value !== undefined) as [string, string | Blob][];
  for (const [name, value] of fields) if (typeof value === 'string') form.set(name, value);
  for (const [name, value] of fields) if (typeof value !== 'string') form.set(name, value);
  return form;
}
