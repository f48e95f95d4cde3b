import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { signupUrl } from '../../core/affiliates/referral-link.ts';
import { findMediaFile } from '../../core/catalog/media/get-media.ts';
import { mediaDir } from '../../core/catalog/media/upload-media.ts';
import type { TrackingRuntime } from '../../core/clicks/tracking-runtime.ts';
import { AppError } from '../../core/errors.ts';
import type { createTrackingHandler } from './click-handler.ts';

declare module 'fastify' {
  interface FastifyInstance {
    tracking: TrackingRuntime;
  }
}

const REF_COOKIE = 'affluent_ref';
const SVG_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

/**
 * Tracking outside the API: the click and impression paths as Fastify routes too (they serve
 * app.inject in tests; the listening server answers them earlier, in its fast path), referral
 * links, public banner files, and the runtime's start and graceful stop.
 */
export function registerTracking(
  app: FastifyInstance,
  runtime: TrackingRuntime,
  handle: ReturnType<typeof createTrackingHandler>,
): void {
  app.decorate('tracking', runtime);
  runtime.log = app.log;
  app.addHook('onReady', () => runtime.start());
  // onClose runs once the server has stopped taking requests: nothing is queued after this.
  app.addHook('onClose', async () => {
    await runtime.stop(Date.now() + Math.max(500, runtime.config.shutdownTimeoutMs - 1000));
  });

  // Answered in the route's first hook: the listening server answers these before Fastify, so
  // the API's own hooks (the body and text checks) must not run for them here either.
  const viaFastify = {
    schema: { hide: true },
    logLevel: 'silent' as const,
    onRequest: (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
      reply.hijack();
      if (!handle(request.raw, reply.raw)) reply.raw.writeHead(404).end();
      done();
    },
  };
  for (const route of ['/c/*', '/i/*']) app.get(route, viaFastify, () => {});

  // Sub-affiliate referral: the sign-up form reads ?ref= (and the cookie, if the query is lost).
  app.get<{ Params: { code: string } }>('/r/:code', { schema: { hide: true } }, (request, reply) => {
    const code = request.params.code.trim().toLowerCase();
    if (!/^[a-z0-9]{4,32}$/.test(code)) return reply.redirect('/portal/signup', 302);
    const days = runtime.config.tracking.cookieDays;
    reply.header(
      'set-cookie',
      `${REF_COOKIE}=${code}; Max-Age=${days * 86_400}; Path=/; SameSite=Lax; HttpOnly${runtime.config.cookieSecure ? '; Secure' : ''}`,
    );
    return reply.header('cache-control', 'no-store').redirect(signupUrl(code), 302);
  });

  // Banners are embedded on affiliates' sites, so their files are public under a random key.
  app.get<{ Params: { key: string } }>('/media/:key', { schema: { hide: true } }, async (request, reply) => {
    const { key } = request.params;
    const found = /^[a-z0-9]{24}\.(png|jpg|gif|webp|svg)$/.test(key)
      ? await findMediaFile(app.deps.database.db, key)
      : undefined;
    const file = found && path.join(mediaDir(app.deps.config.dataDir), found.storage_key);
    if (!found || !file || !fs.existsSync(file)) throw AppError.notFound('media file');
    reply
      .header('content-type', found.content_type)
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff');
    // An SVG may hold script: served as an inert image, never as a document of this origin.
    if (found.content_type === 'image/svg+xml') reply.header('content-security-policy', SVG_POLICY);
    return reply.send(fs.createReadStream(file));
  });
}
