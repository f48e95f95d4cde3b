import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Config } from '../../config.ts';
import { AppError } from '../../core/errors.ts';
import { STAFF_COOKIE } from '../context.ts';
import { presentedKey } from './credentials.ts';
import { PORTAL_COOKIE } from './partner-auth.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route takes an empty application/x-www-form-urlencoded body (emptyFormAllowed). */
    emptyFormBody?: boolean;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
/** What an HTML form can send without script, hence without the browser asking us first (CORS). */
const FORM_TYPES = new Set(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']);

const mediaType = (header: string | undefined) => (header ?? '').split(';')[0]!.trim().toLowerCase();

/** A route whose documented body is a multipart form (banner upload) takes one. */
function takesMultipart(request: FastifyRequest): boolean {
  const body = request.routeOptions.schema?.body as { content?: Record<string, unknown> } | undefined;
  return Boolean(body?.content?.['multipart/form-data']);
}

/**
 * A route may take an empty form body (`config: { emptyFormBody: true }`): Smartico's documented
 * curls send `--data ''`. Only routes authenticated by a key in a header opt in, which a form
 * cannot send, and an empty body carries nothing.
 */
function emptyFormAllowed(request: FastifyRequest, type: string): boolean {
  const config = request.routeOptions.config as { emptyFormBody?: boolean } | undefined;
  return (
    type === 'application/x-www-form-urlencoded' &&
    config?.emptyFormBody === true &&
    // No length and no chunking is no body at all (HTTP/1.1); curl sends Content-Length: 0.
    (request.headers['content-length'] ?? '0') === '0' &&
    request.headers['transfer-encoding'] === undefined
  );
}

/**
 * Whether an unsafe request comes from a page of ours. A browser always says where a POST, PUT,
 * PATCH or DELETE comes from: Sec-Fetch-Site (every current browser) or Origin. Either naming
 * another site is refused. A request with neither is not a browser's (curl, a server, the test
 * client), and no other site can make a browser send one, so it passes: the session cookie is the
 * caller's own. This is the rule of Go's net/http CrossOriginProtection.
 */
function fromOurPages(request: FastifyRequest, allowed: readonly string[]): boolean {
  const origin = request.headers.origin;
  if (
    origin !== undefined &&
    (allowed.includes(origin) || origin === `${request.protocol}://${request.host}`)
  )
    return true;
  const site = request.headers['sec-fetch-site'];
  if (site !== undefined) return site === 'same-origin' || site === 'none';
  return origin === undefined;
}

/**
 * Cross-site request forgery protection beyond SameSite=Lax (which a sibling subdomain, e.g. an
 * affiliate's site under the same registrable domain, gets around):
 * - no unsafe request may have a body type a form can send (JSON needs a CORS preflight, which
 *   is never granted), except the multipart upload routes;
 * - an unsafe request authenticated by the staff or portal session cookie (and no API key, which
 *   a forged request cannot carry) must come from our own origin: PUBLIC_URL's, or the Host's.
 */
export function registerCsrfProtection(app: FastifyInstance, config: Config): void {
  const allowed = [new URL(config.publicUrl).origin];
  app.addHook('onRequest', async (request) => {
    if (!UNSAFE.has(request.method)) return;
    const type = mediaType(request.headers['content-type']);
    if (
      FORM_TYPES.has(type) &&
      !(type === 'multipart/form-data' && takesMultipart(request)) &&
      !emptyFormAllowed(request, type)
    ) {
      throw new AppError('unsupported_media_type', `${type} is not accepted here; send application/json`);
    }
    const cookies = request.cookies ?? {};
    if (!cookies[STAFF_COOKIE] && !cookies[PORTAL_COOKIE]) return;
    if (presentedKey(request) !== undefined) return;
    if (!fromOurPages(request, allowed)) {
      throw new AppError('forbidden', 'cross-site request refused: it must come from this application', {
        reason: 'cross_site_request',
      });
    }
  });
}
