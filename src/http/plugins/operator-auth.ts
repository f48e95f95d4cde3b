import type { FastifyReply, FastifyRequest, preValidationAsyncHookHandler } from 'fastify';
import type { Actor } from '../../core/actor.ts';
import { authenticateApiKey } from '../../core/auth/authenticate-api-key.ts';
import { assertManagesAffiliates } from '../../core/auth/managed-affiliates.ts';
import { resolveStaffSession } from '../../core/auth/resolve-staff-session.ts';
import { scopesForRole } from '../../core/auth/roles.ts';
import { hasScope, type Scope } from '../../core/auth/scopes.ts';
import { AppError } from '../../core/errors.ts';
import { type Principal, STAFF_COOKIE } from '../context.ts';
import '../actor.ts';
import { presentedKey } from './credentials.ts';

async function resolvePrincipal(request: FastifyRequest): Promise<Principal | null> {
  const { db } = request.server.deps.database;
  const key = presentedKey(request);
  if (key !== undefined) {
    const apiKey = await authenticateApiKey(db, key);
    if (!apiKey) {
      request.server.verifiedCredentials.forget(key);
      throw new AppError('unauthenticated', 'the API key is invalid or revoked');
    }
    request.server.verifiedCredentials.remember(key);
    return { kind: 'api_key', apiKey, scopes: apiKey.scopes };
  }
  const token = request.cookies[STAFF_COOKIE];
  if (!token) return null;
  const staff = await resolveStaffSession(db, token);
  if (!staff) return null;
  request.server.verifiedCredentials.remember(token);
  return { kind: 'staff', staff, scopes: scopesForRole(staff.role) };
}

/**
 * preValidation for operator routes: an API key or staff session holding `scope` (or any one of
 * several). It runs before the schema, so a caller without access learns nothing about the input.
 */
export function requireOperator(scopes: Scope | readonly Scope[]): preValidationAsyncHookHandler {
  const anyOf: readonly Scope[] = typeof scopes === 'string' ? [scopes] : scopes;
  const needed = anyOf.map((s) => `"${s}"`).join(' or ');
  return async (request: FastifyRequest, _reply: FastifyReply) => {
    const principal = await resolvePrincipal(request);
    if (!principal) {
      throw new AppError(
        'unauthenticated',
        'sign in, or send an API key as "Authorization: Bearer <key>" or "X-Api-Key: <key>"',
      );
    }
    if (!anyOf.some((scope) => hasScope(principal.scopes, scope))) {
      throw new AppError('forbidden', `this call needs the ${needed} scope`, {
        required_scope: anyOf.length === 1 ? anyOf[0] : anyOf,
      });
    }
    request.principal = principal;
    request.actor = operatorActor(principal, request.ip);
    const managerId = managedBy(principal);
    if (managerId !== null)
      await assertManagesAffiliates(db(request), managerId, referencedAffiliates(request));
  };
}

function operatorActor(p: Principal, ip: string): Actor {
  return p.kind === 'staff'
    ? { type: 'staff', id: p.staff.id, name: p.staff.name || p.staff.email, ip }
    : { type: 'api_key', id: p.apiKey.id, name: p.apiKey.name, ip };
}

const db = (request: FastifyRequest) => request.server.deps.database.db;

/**
 * The staff id whose affiliates alone the caller may reach (a limited affiliate manager), or null
 * when it may reach all. Routes that list across affiliates filter on affiliates.account_manager_id
 * with it; routes naming affiliates are checked by requireOperator itself.
 */
export function managedBy(principal: Principal | null): number | null {
  return principal?.kind === 'staff' && principal.staff.managed_affiliates_only ? principal.staff.id : null;
}

/**
 * Ids as the schema will read them. This runs before validation, on raw input: only a safe integer
 * or a string of decimal digits counts (Number() would take "0x10", "+1" or " 1e1"), so the check
 * and the route cannot disagree about which affiliate a request names.
 */
function ids(value: unknown): number[] {
  const list = Array.isArray(value) ? value : [value];
  const out: number[] = [];
  for (const item of list) {
    const n = typeof item === 'string' && /^\d{1,15}$/.test(item) ? Number(item) : item;
    if (typeof n === 'number' && Number.isSafeInteger(n) && n > 0) out.push(n);
  }
  return out;
}

/** Affiliates a request names: /affiliates/:id, or affiliate_id in the path, query or body. */
function referencedAffiliates(request: FastifyRequest): number[] {
  const found: number[] = [];
  const params = (request.params ?? {}) as Record<string, unknown>;
  if (/\/affiliates\/:id(\/|$)/.test(request.routeOptions.url ?? '')) found.push(...ids(params.id));
  for (const source of [params, request.query, request.body]) {
    if (source && typeof source === 'object' && 'affiliate_id' in source) {
      found.push(...ids((source as Record<string, unknown>).affiliate_id));
    }
  }
  return found;
}

/** OpenAPI security requirement shared by every operator route. */
export const operatorSecurity: Record<string, string[]>[] = [
  { bearerAuth: [] },
  { apiKeyHeader: [] },
  { sessionCookie: [] },
];
