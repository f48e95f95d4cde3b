import type { IncomingMessage, ServerResponse } from 'node:http';
import { newClickId } from '../../core/clicks/ids.ts';
import { clientIp } from '../../core/clicks/ip.ts';
import type { PromoRoute } from '../../core/clicks/promo-routes.ts';
import { fillTemplate } from '../../core/clicks/template.ts';
import type { TrackingRuntime } from '../../core/clicks/tracking-runtime.ts';
import { visitorHeaders } from './visitor-headers.ts';

export const CLICK_COOKIE = 'affluent_click';
const SEEN_COOKIE = 'affluent_seen';
const SEEN_MAX = 50;
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/** Promo ids this visitor clicked before (cookie `affluent_seen`, base-36, dot-separated). */
function seenList(cookie: string | undefined): string[] {
  if (!cookie) return [];
  const at = cookie.indexOf(`${SEEN_COOKIE}=`);
  if (at === -1) return [];
  const end = cookie.indexOf(';', at);
  const value = cookie.slice(at + SEEN_COOKIE.length + 1, end === -1 ? undefined : end).trim();
  return value ? value.split('.').filter((s) => /^[0-9a-z]{1,8}$/.test(s)) : [];
}

/** `/c/<code>`, `/c/<code>/<anything>`, `/i/<code>`: the code, or '' when there is none. */
function codeOf(url: string, queryAt: number): string {
  const pathEnd = queryAt === -1 ? url.length : queryAt;
  let end = url.indexOf('/', 3);
  if (end === -1 || end > pathEnd) end = pathEnd;
  return url.slice(3, end);
}

/**
 * The click and impression path, written against bare node:http so the server can answer it
 * before Fastify routes anything (see server-factory.ts). It reads only memory: the promo cache
 * for the route and the click queue for the record. It never throws (a throw here would end the
 * process): a click it cannot send to the landing goes to the fallback URL, counted, and is
 * logged once per promo, never per click.
 */
export function createTrackingHandler(rt: TrackingRuntime) {
  const t = rt.config.tracking;
  const secure = rt.config.cookieSecure ? '; Secure' : '';
  const cookieTail = `; Max-Age=${t.cookieDays * 86_400}; Path=/; SameSite=Lax; HttpOnly${secure}`;
  const trustProxy = rt.config.trustProxy;
  // The setting is kept as written; a header needs it percent-encoded.
  const fallbackUrl = new URL(t.fallbackUrl).href;
  const reported = new Set<number>();

  function fallback(res: ServerResponse): void {
    res.writeHead(302, ['location', fallbackUrl, 'cache-control', 'no-store', 'content-length', '0']);
    res.end();
  }

  function report(route: PromoRoute, message: string, problem: string): void {
    if (reported.has(route.promoId)) return;
    reported.add(route.promoId);
    try {
      rt.log?.warn({ promo_id: route.promoId, destination_link_id: route.linkId, problem }, message);
    } catch {
      // A failing logger must not take the click path down with it.
    }
  }

  /** Something unexpected: whatever has not been answered yet gets `answer` (or the socket ends). */
  function failed(
    res: ServerResponse,
    route: PromoRoute | undefined,
    error: unknown,
    answer: typeof fallback,
  ) {
    rt.counters.failed++;
    if (!res.headersSent) {
      try {
        answer(res);
      } catch {
        res.destroy();
      }
    }
    const problem = error instanceof Error ? error.message : String(error);
    if (route) report(route, `A request for promo ${route.promoId} failed: ${problem}`, problem);
  }

  function click(req: IncomingMessage, res: ServerResponse, route: PromoRoute, query: string): void {
    const now = Date.now();
    const id = newClickId(now);
    const params = query ? new URLSearchParams(query) : null;
    const variant = route.b !== null && Math.random() * 100 < route.abSplit ? 'b' : 'a';
    // Built-ins first, so a visitor cannot pass ?affiliate_id=... to change who gets credited.
    // A repeated parameter fills its placeholder with its first value.
    const location = fillTemplate(variant === 'b' ? route.b! : route.a!, (name) =>
      name === 'click_id' ? id : (route.builtIns.get(name) ?? params?.get(name) ?? route.defaults.get(name)),
    );
    const visitor = visitorHeaders(req.rawHeaders);
    const seen = seenList(visitor.cookie);
    const mine = route.promoId.toString(36);
    const unique = !seen.includes(mine);
    const cookies = [`${CLICK_COOKIE}=${id}${cookieTail}`];
    if (unique) {
      seen.push(mine);
      cookies.push(`${SEEN_COOKIE}=${seen.slice(-SEEN_MAX).join('.')}${cookieTail}`);
    }
    res.writeHead(302, [
      'location',
      location,
      'set-cookie',
      cookies,
      'cache-control',
      'no-store',
      'content-length',
      '0',
    ]);
    res.end();
    rt.counters.answered++;
    // HEAD is what link checkers send: answered like a click, never recorded as one.
    if (req.method === 'HEAD') return;
    rt.clicks
      .next()
      ?.add(
        id,
        now,
        route,
        variant === 'b',
        query,
        clientIp(req.socket.remoteAddress, visitor.forwardedFor, trustProxy),
        visitor.userAgent,
        visitor.referrer,
        unique,
      );
  }

  function impression(req: IncomingMessage, res: ServerResponse, route: PromoRoute | undefined): void {
    if (!route) rt.counters.impressions_unknown++;
    else if (req.method !== 'HEAD') rt.impressions.count(route.promoId);
    gif(req, res);
  }

  function gif(req: IncomingMessage, res: ServerResponse): void {
    res.writeHead(200, [
      'content-type',
      'image/gif',
      'content-length',
      String(GIF.length),
      'cache-control',
      'no-store, max-age=0',
    ]);
    res.end(req.method === 'HEAD' ? undefined : GIF);
  }

  /** Answers `/c/...` and `/i/...` GET and HEAD requests; anything else is left to Fastify. */
  return function handle(req: IncomingMessage, res: ServerResponse): boolean {
    const url = req.url ?? '';
    const kind = url.charCodeAt(1);
    if (url.charCodeAt(2) !== 47 || (kind !== 99 && kind !== 105) || url.charCodeAt(0) !== 47) return false;
    if (req.method !== 'GET' && req.method !== 'HEAD') return false;
    const queryAt = url.indexOf('?');
    const code = codeOf(url, queryAt);
    let route: PromoRoute | undefined;
    try {
      route = code ? rt.cache.get(code) : undefined;
      if (kind === 105) impression(req, res, route);
      else if (!route) {
        rt.counters.unknown++;
        fallback(res);
      } else if (!route.routable) {
        rt.counters.disabled++;
        fallback(res);
      } else if (route.problem !== null) {
        rt.counters.invalid_link++;
        fallback(res);
        report(
          route,
          `Clicks on promo ${route.promoId} go to the fallback URL: its destination link's ${route.problem}`,
          route.problem,
        );
      } else click(req, res, route, queryAt === -1 ? '' : url.slice(queryAt + 1));
    } catch (error) {
      failed(res, route, error, kind === 105 ? (r) => gif(req, r) : fallback);
    }
    return true;
  };
}
