// @internal: only core/clicks imports this file.
import { isbot } from 'isbot';
import { UAParser } from 'ua-parser-js';
import type { TrackingConfig } from '../../config.ts';
import type { CountryLookup } from './geoip.ts';
import { anonymizeIp } from './ip.ts';
import { SUB_IDS } from './placeholders.ts';

/**
 * One click as the click path captured it (read back from its ClickBatch on the writing side):
 * raw primitives only; everything else is worked out when the batch is written.
 */
export type RawClick = [
  id: string,
  at: number,
  promoId: number,
  campaignId: number,
  affiliateId: number,
  brandId: number,
  linkId: number,
  variant: 'a' | 'b',
  /** The raw query string, without `?` ('' when there is none). */
  query: string,
  ip: string | undefined,
  userAgent: string | undefined,
  referrer: string | undefined,
  unique: boolean,
];

export interface ClickEnricher {
  ipMode: TrackingConfig['ipMode'];
  country: CountryLookup | null;
  /** Clicks the database refused as data (never expected; counted so a bad row cannot block). */
  rejected: number;
}

export type Value = string | number | boolean | null;

// PostgreSQL text cannot hold NUL, which a query string can carry as %00.
const clean = (value: string) => (value.includes('\0') ? value.replaceAll('\0', '') : value);
export const clip = (value: string | null | undefined, max: number) =>
  value ? clean(value.length > max ? value.slice(0, max) : value) : null;

// Visitors repeat the same few thousand user agents: parse each once.
const uaCache = new Map<string, { device: string; bot: boolean }>();
export function describeAgent(ua: string | undefined): { device: string | null; bot: boolean } {
  if (!ua) return { device: null, bot: false };
  let known = uaCache.get(ua);
  if (!known) {
    known = { device: new UAParser(ua).getDevice().type ?? 'desktop', bot: isbot(ua) };
    if (uaCache.size >= 10_000) uaCache.clear();
    uaCache.set(ua, known);
  }
  return known;
}

/**
 * sub1 to sub5, then every other parameter as JSON text (a repeated key keeps all its values, in
 * order, as an array).
 */
export function queryValues(query: string): Value[] {
  if (!query) return [null, null, null, null, null, '{}'];
  const params = new URLSearchParams(query);
  const out: Record<string, string | string[]> = {};
  for (let [key, value] of params) {
    if (SUB_IDS.includes(key)) continue;
    const v = clean(value.length > 500 ? value.slice(0, 500) : value);
    key = clean(key);
    const seen = out[key];
    if (seen === undefined) out[key] = v;
    else if (Array.isArray(seen)) seen.push(v);
    else out[key] = [seen, v];
  }
  return [...SUB_IDS.map((name) => clip(params.get(name), 255)), JSON.stringify(out)];
}

/** An epoch-ms time as ISO text, the last answer reused: the clicks of a batch share milliseconds. */
export function isoTimes(): (at: number) => string {
  let lastAt = Number.NaN;
  let time = '';
  return (at) => {
    if (at !== lastAt) {
      lastAt = at;
      time = new Date(at).toISOString();
    }
    return time;
  };
}

/** The address as stored: whole, anonymised or not at all (TRACKING_IP_MODE). */
export function storedIp(ip: string | undefined, enrich: ClickEnricher): string | null {
  if (!ip || enrich.ipMode === 'none') return null;
  return enrich.ipMode === 'full' ? ip : anonymizeIp(ip);
}

/**
 * The click rows, values in the order of COLUMNS (insert-clicks.ts). Clicks of one batch often share
 * their query string (one placement, one set of sub-ids) and their millisecond: each is worked
 * out once per batch.
 */
export function toRows(clicks: RawClick[], enrich: ClickEnricher): Value[][] {
  const queries = new Map<string, Value[]>();
  const isoTime = isoTimes();
  return clicks.map(
    ([id, at, promo, campaign, affiliate, brand, link, variant, query, ip, ua, referrer, unique]) => {
      let q = queries.get(query);
      if (!q) {
        q = queryValues(query);
        queries.set(query, q);
      }
      const agent = describeAgent(ua);
      return [
        id,
        isoTime(at),
        promo,
        campaign,
        affiliate,
        brand,
        link,
        variant,
        q[0]!,
        q[1]!,
        q[2]!,
        q[3]!,
        q[4]!,
        q[5]!,
        storedIp(ip, enrich),
        clip(ua, 1000),
        clip(referrer, 2000),
        agent.device,
        agent.bot,
        unique,
        ip && enrich.country ? enrich.country(ip) : null,
      ];
    },
  );
}
