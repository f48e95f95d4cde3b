import type { FastifyRequest, preHandlerAsyncHookHandler, preValidationAsyncHookHandler } from 'fastify';
import type { Actor } from '../../core/actor.ts';
import { AppError } from '../../core/errors.ts';
import { authenticateAffiliateApiKey } from '../../core/identity/api-keys/authenticate-affiliate-api-key.ts';
import { identityEnv } from '../../core/identity/context.ts';
import type { PartnerPrincipal } from '../../core/identity/partner-principal.ts';
import { getSecuritySettings } from '../../core/identity/security-settings.ts';
import { resolvePartnerSession } from '../../core/identity/sessions/resolve-partner-session.ts';
import { actorOf } from '../actor.ts';
import { presentedKey } from './credentials.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** The affiliate user calling the partner API (set by requirePartner). */
    partner: PartnerPrincipal | null;
  }
}

export const PORTAL_COOKIE = 'affluent_portal';

export interface PartnerGuard {
  /** Only the affiliate's owner (team management). */
  owner?: boolean;
  /** Only a signed-in portal session, not an API key (security settings, keys, sessions). */
  session?: boolean;
  /** Reachable while the operator requires 2FA and the user has not turned it on yet. */
  beforeTwoFactorSetup?: boolean;
  /** Changes business data: refused to view-only affiliates. */
  changesData?: boolean;
}

async function resolvePartner(request: FastifyRequest): Promise<PartnerPrincipal | null> {
  const { db } = request.server.deps.database;
  const key = presentedKey(request);
  if (key !== undefined) {
    const principal = await authenticateAffiliateApiKey(db, key);
    if (!principal) {
      request.server.verifiedCredentials.forget(key);
      throw new AppError('unauthenticated', 'the API key is invalid or revoked, or API access is off');
    }
    request.server.verifiedCredentials.remember(key);
    return principal;
  }
  const token = request.cookies[PORTAL_COOKIE];
  const principal = token ? await resolvePartnerSession(db, token) : null;
  if (principal) request.server.verifiedCredentials.remember(token!);
  return principal;
}

/**
 * preValidation for partner routes (before the schema): a portal session or an affiliate API key.
 * Everything a route reads or changes must then be scoped to request.partner.affiliate.id.
 */
export function requirePartner(guard: PartnerGuard = {}): preValidationAsyncHookHandler {
  return async (request) => {
    const principal = await resolvePartner(request);
    if (!principal) {
      throw new AppError(
        'unauthenticated',
        'sign in to the portal, or send an affiliate API key as "Authorization: Bearer <key>"',
      );
    }
    if (guard.session && principal.via !== 'session') {
      throw new AppError('forbidden', 'this call needs a signed-in portal session, not an API key', {
        reason: 'session_required',
      });
    }
    if (guard.owner && !principal.user.is_owner) {
      throw new AppError('forbidden', "only the affiliate account's owner may do this", {
        reason: 'owner_required',
      });
    }
    if (guard.changesData && principal.affiliate.status === 'view_only') {
      throw new AppError('forbidden', 'the affiliate account is view-only', { reason: 'view_only' });
    }
    if (!guard.beforeTwoFactorSetup && !principal.user.two_factor_enabled) {
      if ((await getSecuritySettings(request.server.deps.database.db)).require_two_factor) {
        throw new AppError(
          'forbidden',
          'the affiliate program requires two-factor authentication: turn it on first',
          {
            reason: 'two_factor_setup_required',
          },
        );
      }
    }
    request.partner = principal;
    request.actor =
      principal.via === 'api_key'
        ? {
            type: 'affiliate_api_key',
            id: principal.apiKeyId,
            name: `API key of ${principal.user.email}`,
            ip: request.ip,
          }
        : { type: 'affiliate_user', id: principal.user.id, name: principal.user.email, ip: request.ip };
  };
}

/**
 * For financial actions (payment methods, cash-outs): the user must have 2FA on. Use after
 * requirePartner.
 */
export const requireTwoFactorEnabled: preHandlerAsyncHookHandler = async (request) => {
  if (!request.partner?.user.two_factor_enabled) {
    throw new AppError('forbidden', 'turn on two-factor authentication before any financial action', {
      reason: 'two_factor_required',
    });
  }
};

/**
 * Stricter: 2FA on and proved by this session within TWO_FACTOR_RECENT_MINUTES (at sign-in or
 * with POST /two-factor/verify). API keys never pass it.
 */
export const requireRecentTwoFactor: preHandlerAsyncHookHandler = async (request, reply) => {
  await requireTwoFactorEnabled.call(request.server, request, reply);
  const minutes = identityEnv(request.server.deps.config).twoFactorRecentMinutes;
  const at = request.partner?.twoFactorVerifiedAt;
  if (!at || Date.now() - at.getTime() > minutes * 60_000) {
    throw new AppError(
      'forbidden',
      'confirm with a two-factor code first (POST /api/partner/v1/two-factor/verify)',
      {
        reason: 'two_factor_verification_required',
      },
    );
  }
};

/** The signed-in user or their API key, as the logs name them. */
export function partnerActor(request: FastifyRequest): Actor {
  return actorOf(request);
}

/** OpenAPI security requirement of partner routes. */
export const partnerSecurity: Record<string, string[]>[] = [{ portalSession: [] }, { partnerApiKey: [] }];
export const portalSessionSecurity: Record<string, string[]>[] = [{ portalSession: [] }];
