import type { FastifyReply, FastifyRequest, preHandlerAsyncHookHandler } from 'fastify';
import { authenticateApiKey } from '../../core/auth/authenticate-api-key.ts';
import { resolveStaffSession } from '../../core/auth/resolve-staff-session.ts';
import { hasScope, type Scope } from '../../core/auth/scopes.ts';
import { AppError } from '../../core/errors.ts';
import { type Principal, STAFF_COOKIE } from '../context.ts';

function presentedKey(request: FastifyRequest): string | undefined {
  const auth = request.headers.authorization;
  if (auth?.toLowerCase().startsWith('bearer ')) return auth.slice(7).trim();
  const header = request.headers['x-api-key'];
  return typeof header === 'string' ? header.trim() : undefined;
}

async function resolvePrincipal(request: FastifyRequest): Promise<Principal | null> {
  const { db } = request.server.deps.database;
  const key = presentedKey(request);
  if (key !== undefined) {
    const apiKey = await authenticateApiKey(db, key);
    if (!apiKey) throw new AppError('unauthenticated', 'the API key is invalid or revoked');
    return { kind: 'api_key', apiKey, scopes: apiKey.scopes };
  }
  const token = request.cookies[STAFF_COOKIE];
  if (!token) return null;
  const staff = await resolveStaffSession(db, token);
  // Operator roles arrive with the identity work; until then every staff user administers.
  return staff ? { kind: 'staff', staff, scopes: ['admin'] } : null;
}

/** preHandler for operator routes: an API key or staff session holding `scope`. */
export function requireOperator(scope: Scope): preHandlerAsyncHookHandler {
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const principal = await resolvePrincipal(request);
    if (!principal) {
      throw new AppError(
        'unauthenticated',
        'sign in, or send an API key as "Authorization: Bearer <key>" or "X-Api-Key: <key>"',
      );
    }
    if (!hasScope(principal.scopes, scope)) {
      throw new AppError('forbidden', `this call needs the "${scope}" scope`, { required_scope: scope });
    }
    request.principal = principal;
  };
}

/** OpenAPI security requirement shared by every operator route. */
export const operatorSecurity: Record<string, string[]>[] = [
  { bearerAuth: [] },
  { apiKeyHeader: [] },
  { sessionCookie: [] },
];
