import helmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.ts';

const EMBEDDABLE = new Set(['/media/:key']);

/**
 * Security headers on every Fastify response (the API, /docs and the web app). Clicks and
 * impressions never reach Fastify (tracking/server-factory.ts), so their path is untouched.
 *
 * The policy allows nothing inline: the web app is Vite's bundle (script and CSS files) and
 * /docs is swagger-ui's static files plus its initializer script, none of which need inline code.
 * Images may be data: URLs (the 2FA QR code, swagger-ui's icons) and banners, which the API
 * addresses by PUBLIC_URL even when the app was reached under another name.
 */
export async function registerSecurityHeaders(app: FastifyInstance, config: Config): Promise<void> {
  const publicOrigin = new URL(config.publicUrl).origin;
  const https = publicOrigin.startsWith('https:');
  // Banner files are embedded on affiliates' sites: Cross-Origin-Resource-Policy: same-origin (the
  // default below) would stop their pages from loading them. Register before those routes.
  app.addHook('onRoute', (route) => {
    if (EMBEDDABLE.has(route.url)) {
      route.helmet = { crossOriginResourcePolicy: { policy: 'cross-origin' } };
    }
  });
  await app.register(helmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        baseUri: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:', publicOrigin],
        fontSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        ...(https ? { upgradeInsecureRequests: [] } : {}),
      },
    },
    frameguard: { action: 'deny' },
    // Not no-referrer: with it a browser sends "Origin: null" on same-origin POSTs, which the
    // cross-site request check (csrf.ts) would have to refuse.
    referrerPolicy: { policy: 'same-origin' },
    hsts: https ? { maxAge: 31_536_000, includeSubDomains: false } : false,
  });
}
