import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { IdentityConfig } from '../../config.ts';
import { STAFF_COOKIE } from '../context.ts';
import { presentedKey, VerifiedCredentials } from './credentials.ts';
import { PORTAL_COOKIE } from './partner-auth.ts';

/**
 * Who a request counts against: its API key (operator or partner), else its session, but only
 * once authentication has accepted that key or session (VerifiedCredentials); else its address.
 * A made-up key or cookie must not buy a fresh bucket. A request whose key is refused counts
 * against the address too, so guessing keys is limited like anything else from there.
 */
export function rateLimitKey(request: FastifyRequest): string {
  const verified = request.server.verifiedCredentials;
  const key = presentedKey(request);
  if (key) {
    const id = verified.verified(key);
    return id ? `key:${id}` : `ip:${request.ip}`;
  }
  for (const cookie of [PORTAL_COOKIE, STAFF_COOKIE]) {
    const token = request.cookies?.[cookie];
    const id = token ? verified.verified(token) : null;
    if (id) return `user:${id}`;
  }
  return `ip:${request.ip}`;
}

/**
 * Limits every /api/* route, answering 429 with Retry-After (in-memory: one server needs no Redis).
 * Register before the routes: the plugin hooks the routes declared after it.
 */
export async function registerRateLimits(app: FastifyInstance, limits: IdentityConfig): Promise<void> {
  app.decorate('verifiedCredentials', new VerifiedCredentials());
  const maxFor = (key: string) =>
    key.startsWith('key:')
      ? limits.rateLimitPerKey
      : key.startsWith('user:')
        ? limits.rateLimitPerUser
        : limits.rateLimitPerIp;
  await app.register(rateLimit, {
    global: true,
    timeWindow: limits.rateLimitWindowSeconds * 1000,
    cache: 50_000,
    keyGenerator: rateLimitKey,
    max: async (_request, key) => maxFor(key),
    // Off for pages and assets, and for a kind of caller whose limit is 0.
    allowList: (request, key) => !request.url.startsWith('/api/') || maxFor(key) === 0,
    errorResponseBuilder: (_request, context) => {
      const error = new Error(`too many requests; retry in ${context.after}`) as Error & {
        statusCode: number;
      };
      error.statusCode = 429;
      return error;
    },
  });
}
