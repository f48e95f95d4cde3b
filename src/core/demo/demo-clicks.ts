import { newClickId } from '../clicks/ids.ts';
import type { RawClick } from '../clicks/insert-clicks.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** A promo the demo sends clicks to, and how much traffic its affiliate brings. */
export interface DemoPromo {
  promoId: number;
  campaignId: number;
  affiliateId: number;
  brandId: number;
  linkId: number;
  weight: number;
  website: string;
}

/** A small seeded generator (mulberry32): the same demo every time, without Math.random. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function weighted<T>(random: () => number, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((sum, [, w]) => sum + w, 0);
  let pick = random() * total;
  for (const [item, w] of items) {
    pick -= w;
    if (pick < 0) return item;
  }
  return items[items.length - 1]![0];
}

const AGENTS = [
  [
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36',
    30,
  ],
  [
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
    10,
  ],
  [
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
    28,
  ],
  [
    'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Mobile Safari/537.36',
    22,
  ],
  [
    'Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
    6,
  ],
  ['Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)', 3],
  ['Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)', 1],
] as const;

const COUNTRIES = [
  ['SE', 14],
  ['GB', 16],
  ['DE', 14],
  ['NL', 10],
  ['FI', 8],
  ['IE', 6],
  ['CA', 8],
  ['NZ', 5],
  ['NO', 7],
  ['BR', 6],
  ['IN', 6],
] as const;

const PLACEMENTS = [
  ['sidebar', 5],
  ['top-banner', 4],
  ['review-page', 4],
  ['newsletter', 2],
  ['', 5],
] as const;

// Visits by hour of day: quiet at night, busiest in the evening.
const HOURLY = [2, 1, 1, 1, 1, 1, 2, 3, 4, 5, 5, 6, 6, 6, 6, 6, 7, 8, 9, 10, 10, 9, 6, 4];

interface Visitor {
  ip: string;
  agent: string;
  country: string;
}

/**
 * About `total` clicks over the 30 days up to `now`, as the click path would have captured them:
 * more on recent days and in the evening, returning visitors (so not every click is unique), a
 * few bots, sub-ids from the affiliates' placements. `countries` gives each address its country,
 * as a GeoIP file would.
 */
export function demoClicks(
  promos: readonly DemoPromo[],
  { now, total, seed = 11 }: { now: number; total: number; seed?: number },
): { clicks: RawClick[]; countries: Map<string, string> } {
  const random = seeded(seed);
  const countries = new Map<string, string>();
  const visitors: Visitor[] = Array.from({ length: Math.max(50, Math.round(total / 3)) }, (_, i) => {
    const ip = `${[81, 86, 145, 178, 213][i % 5]}.${Math.floor(random() * 256)}.${Math.floor(random() * 256)}.${1 + Math.floor(random() * 254)}`;
    const country = weighted(random, COUNTRIES);
    countries.set(ip, country);
    return { ip, country, agent: weighted(random, AGENTS) };
  });
  const byPromo = promos.map((p) => [p, p.weight] as const);
  const seen = new Set<string>();
  const today = Math.floor(now / DAY) * DAY;
  // Later days get more: the program is growing.
  const dayWeights = Array.from({ length: 30 }, (_, d) => 0.6 + (0.8 * (29 - d)) / 29);
  const weightSum = dayWeights.reduce((a, b) => a + b, 0);
  const clicks: RawClick[] = [];
  for (let d = 29; d >= 0; d--) {
    const dayStart = today - d * DAY;
    const weekend = [0, 6].includes(new Date(dayStart).getUTCDay()) ? 1.25 : 1;
    const count = Math.round(((total * dayWeights[d]!) / weightSum) * weekend);
    for (let i = 0; i < count; i++) {
      const hour = weighted(
        random,
        HOURLY.map((w, h) => [h, w] as const),
      );
      const at = dayStart + hour * HOUR + Math.floor(random() * HOUR);
      if (at > now) continue;
      const promo = weighted(random, byPromo);
      // Most visits come from a smaller crowd of regulars.
      const visitor = visitors[Math.floor(random() ** 2 * visitors.length)]!;
      const key = `${visitor.ip}|${promo.promoId}`;
      const unique = !seen.has(key);
      seen.add(key);
      const placement = weighted(random, PLACEMENTS);
      const query = placement ? `sub1=${placement}&utm_source=affiliate` : '';
      const referrer = random() < 0.7 ? `${promo.website}/${placement || 'home'}` : undefined;
      clicks.push([
        newClickId(at),
        at,
        promo.promoId,
        promo.campaignId,
        promo.affiliateId,
        promo.brandId,
        promo.linkId,
        'a',
        query,
        visitor.ip,
        visitor.agent,
        referrer,
        unique,
      ]);
    }
  }
  clicks.sort((x, y) => x[1] - y[1]);
  return { clicks, countries };
}
