import { createHash } from 'node:crypto';
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { IdentityConfig } from '../../config.ts';
import { STAFF_COOKIE } from '../context.ts';
import { PORTAL_COOKIE } from './partner-auth.ts';

const digest = (value: string) => createHash('sha256').update(value).digest('base64url').slice(0, 22);

/**
 * Who a request counts against: its API key (operator or partner), else its signed-in session,
 * else its address. The credential is only hashed here, not checked: an invalid one is refused
 * by the route's own authentication.
 */
export function rateLimitKey(request: FastifyRequest): string {
  const auth = request.headers.authorization;
  const header = request.headers['x-api-key'];
  const key = auth?.toLowerCase().startsWith('bearer ')
    ? auth.slice(7).trim()
    : typeof header === 'string'
      ? header
      : '';
  if (key) return `key:${digest(key)}`;
  const session = request.cookies?.[PORTAL_COOKIE] ?? request.cookies?.[STAFF_COOKIE];
  if (session) return `user:${digest(session)}`;
  return `ip:${request.ip}`;
}

/**
 * Limits every /api/* route, answering 429 with Retry-After (in-memory: one server needs no Redis).
 * Register before the routes: the plugin hooks the routes declared after it.
 */
export async function registerRateLimits(app: FastifyInstance, limits: IdentityConfig): Promise<void> {
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
