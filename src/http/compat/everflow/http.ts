// What every Everflow route shares: its key header, its error body and its lenient JSON.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { authenticateApiKey } from '../../../core/auth/authenticate-api-key.ts';
import { hasScope, type Scope } from '../../../core/auth/scopes.ts';
import { AppError, type FieldError } from '../../../core/errors.ts';
import { toAppError } from '../../plugins/error-handler.ts';
import { toEverflowPath } from './field-paths.ts';

export const KEY_HEADER = 'x-eflow-api-key';
/** The door Everflow's writes are recorded under in the affiliate history. */
export const EVERFLOW_SOURCE = 'compat_everflow';
export const tags = ['Everflow compatibility: affiliates'];
export const security = [{ everflowApiKey: [] }];

export const EverflowError = Type.Object(
  { error: Type.String({ description: 'What was wrong, naming every bad field in Everflow’s names' }) },
  { description: 'Everflow’s error body: `{ "error": "..." }`' },
);
export const everflowErrors = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [s, EverflowError])) as Record<number, typeof EverflowError>;

/**
 * Everflow's documented statuses are 400, 401, 403, 404, 429 and 500: whatever the native API
 * answers with 409, 413, 415 or 422 is a 400 here (a bad request to fix), 503 a 500.
 */
export function everflowStatus(error: AppError): number {
  const s = error.status;
  if ([400, 401, 403, 404, 429].includes(s)) return s;
  if (s >= 400 && s < 500) return 400;
  return 500;
}

export function everflowMessage(error: AppError): string {
  const fields = (error.details as { fields?: FieldError[] } | null)?.fields;
  if (error.code === 'validation_failed' && fields?.length) {
    return fields.map((f) => `${toEverflowPath(f.path) || 'body'}: ${f.message}`).join('; ');
  }
  return error.message;
}

export function sendEverflowError(reply: FastifyReply, error: AppError) {
  return reply.status(everflowStatus(error)).send({ error: everflowMessage(error) });
}

/**
 * JSON as Everflow's own examples write it: a trailing comma before `}` or `]` is allowed (the
 * document's payloads carry some). Only on the Everflow routes; the native API stays strict.
 */
export function parseLenientJson(text: string): unknown {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    if (c === ',') {
      let j = i + 1;
      while (j < text.length && /\s/.test(text[j]!)) j++;
      if (text[j] === '}' || text[j] === ']') continue;
    }
    out += c;
  }
  // As the native parser: keys that would reach Object.prototype are refused, not kept.
  return out.trim() === '' ? undefined : JSON.parse(out, refusePrototypeKeys);
}

function refusePrototypeKeys(key: string, value: unknown): unknown {
  if (key === '__proto__') throw new SyntaxError('__proto__ is not allowed');
  if (key === 'constructor' && value && typeof value === 'object' && 'prototype' in value)
    throw new SyntaxError('constructor.prototype is not allowed');
  return value;
}

/** Error and not-found handlers, the lenient parser: call once in the Everflow plugin. */
export function everflowPlugin(app: FastifyInstance) {
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, parseLenientJson(body as string));
    } catch {
      done(new AppError('bad_request', 'The request body is not valid JSON.'), undefined);
    }
  });
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const appError = toAppError(error, request);
    if (appError.code === 'internal_error') request.log.error({ err: error }, 'request failed');
    return sendEverflowError(reply, appError);
  });
  app.setNotFoundHandler((request, reply) =>
    sendEverflowError(reply, new AppError('not_found', `No resource matches ${request.url.split('?')[0]}.`)),
  );
}

/**
 * preValidation: an operator API key in X-Eflow-API-Key holding `scope`. Everflow answers a
 * missing key "No Authentication Method Found" (401), a bad one 401 and a key without access
 * 403. It runs before the schema, so a caller without access learns nothing of the input.
 */
export function requireEverflowKey(scope: Scope) {
  return async (request: FastifyRequest) => {
    const raw = request.headers[KEY_HEADER];
    const presented = typeof raw === 'string' ? raw.trim() : '';
    if (!presented) throw new AppError('unauthenticated', 'No Authentication Method Found');
    const { db } = request.server.deps.database;
    const apiKey = await authenticateApiKey(db, presented);
    if (!apiKey) throw new AppError('unauthenticated', 'Invalid API key: it is unknown or revoked.');
    if (!hasScope(apiKey.scopes, scope))
      throw new AppError('forbidden', `Out Of Realm: this call needs a key with the "${scope}" scope.`);
    request.principal = { kind: 'api_key', apiKey, scopes: apiKey.scopes };
    request.actor = { type: 'api_key', id: apiKey.id, name: apiKey.name, ip: request.ip };
  };
}
