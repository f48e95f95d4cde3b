import { isbot } from 'isbot';
import { CompiledQuery, sql } from 'kysely';
import { UAParser } from 'ua-parser-js';
import type { TrackingConfig } from '../../config.ts';
import type { Db } from '../../db/index.ts';
import { isUniqueViolation } from './db-errors.ts';
import type { CountryLookup } from './geoip.ts';
import { anonymizeIp } from './ip.ts';
import type { PromoRoute } from './promo-routes.ts';

/** What the click path captures: raw values only, the rest is worked out when it is written. */
export interface RawClick {
  id: string;
  at: number;
  route: PromoRoute;
  variant: 'a' | 'b';
  params: URLSearchParams | null;
  ip: string | undefined;
  userAgent: string | undefined;
  referrer: string | undefined;
  unique: boolean;
}

export interface ClickEnricher {
  ipMode: TrackingConfig['ipMode'];
  country: CountryLookup | null;
  /** Clicks the database refused as data (never expected; counted so a bad row cannot block). */
  rejected: number;
}

const SUBS: readonly string[] = ['sub1', 'sub2', 'sub3', 'sub4', 'sub5'];
// PostgreSQL text cannot hold NUL, which a query string can carry as %00.
const clean = (value: string) => (value.includes('\0') ? value.replaceAll('\0', '') : value);
const clip = (value: string | undefined, max: number) =>
  value === undefined || value === '' ? null : clean(value.length > max ? value.slice(0, max) : value);

// Visitors repeat the same few thousand user agents: parse each once.
const uaCache = new Map<string, { device: string; bot: boolean }>();
function describeAgent(ua: string | undefined): { device: string | null; bot: boolean } {
  if (!ua) return { device: null, bot: false };
  let known = uaCache.get(ua);
  if (!known) {
    known = { device: new UAParser(ua).getDevice().type ?? 'desktop', bot: isbot(ua) };
    if (uaCache.size >= 10_000) uaCache.clear();
    uaCache.set(ua, known);
  }
  return known;
}

/** A repeated key keeps all its values, in order, as an array (JSON text). */
function otherParams(params: URLSearchParams | null): string {
  if (!params) return '{}';
  const out: Record<string, string | string[]> = {};
  for (let [key, value] of params) {
    if (SUBS.includes(key)) continue;
    const v = clean(value.length > 500 ? value.slice(0, 500) : value);
    key = clean(key);
    const seen = out[key];
    if (seen === undefined) out[key] = v;
    else if (Array.isArray(seen)) seen.push(v);
    else out[key] = [seen, v];
  }
  return JSON.stringify(out);
}

type Column = (string | number | boolean | null)[];

/**
 * PostgreSQL array literals, built here rather than by the driver: one text parameter per column
 * and no per-element driver work. Inside double quotes only `"` and `\` need a backslash.
 */
function arrayLiteral(values: Column): string {
  let out = '{';
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (i > 0) out += ',';
    if (v === null || v === undefined) out += 'NULL';
    else if (typeof v !== 'string') out += v === true ? 't' : v === false ? 'f' : v;
    else out += `"${/["\\]/.test(v) ? v.replace(/["\\]/g, '\\$&') : v}"`;
  }
  return `${out}}`;
}

// COPY text format: a backslash, tab, newline or carriage return in a value is escaped.
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
function copyValue(v: string | number | boolean | null): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v !== 'string') return v === true ? 't' : v === false ? 'f' : String(v);
  return /[\\\t\n\r]/.test(v) ? v.replace(/[\\\t\n\r]/g, (ch) => COPY_ESCAPES[ch]!) : v;
}

const COLUMNS = `id, clicked_at, promo_id, campaign_id, affiliate_id, brand_id, destination_link_id,
  variant, sub1, sub2, sub3, sub4, sub5, params, ip, user_agent, referrer, device_type, is_bot,
  is_unique, country`;
const TYPES = [
  'text',
  'timestamptz',
  'int',
  'int',
  'int',
  'int',
  'int',
  'text',
  'text',
  'text',
  'text',
  'text',
  'text',
  'jsonb',
  'text',
  'text',
  'text',
  'text',
  'boolean',
  'boolean',
  'text',
];
const COPY = `copy clicks (${COLUMNS}) from stdin`;
const unnestInsert = (onConflict: boolean) =>
  `insert into clicks (${COLUMNS}) select * from unnest(${TYPES.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})${
    onConflict ? ' on conflict (id) do nothing' : ''
  }`;
const INSERT = unnestInsert(false);
const INSERT_SKIPPING_DUPLICATES = unnestInsert(true);

/** The click rows as columns, in the order of COLUMNS. */
function toColumns(clicks: RawClick[], enrich: ClickEnricher): Column[] {
  const n = clicks.length;
  const cols: Column[] = TYPES.map(() => new Array(n));
  for (let i = 0; i < n; i++) {
    const click = clicks[i]!;
    const route = click.route;
    const p = click.params;
    const agent = describeAgent(click.userAgent);
    const ip = click.ip;
    const row = [
      click.id,
      new Date(click.at).toISOString(),
      route.promoId,
      route.campaignId,
      route.affiliateId,
      route.brandId,
      route.linkId,
      click.variant,
      p ? clip(p.get('sub1') ?? undefined, 255) : null,
      p ? clip(p.get('sub2') ?? undefined, 255) : null,
      p ? clip(p.get('sub3') ?? undefined, 255) : null,
      p ? clip(p.get('sub4') ?? undefined, 255) : null,
      p ? clip(p.get('sub5') ?? undefined, 255) : null,
      otherParams(p),
      ip && enrich.ipMode !== 'none' ? (enrich.ipMode === 'full' ? ip : anonymizeIp(ip)) : null,
      clip(click.userAgent, 1000),
      clip(click.referrer, 2000),
      agent.device,
      agent.bot,
      click.unique,
      ip && enrich.country ? enrich.country(ip) : null,
    ];
    for (let c = 0; c < row.length; c++) cols[c]![i] = row[c]!;
  }
  return cols;
}

function toCopyText(cols: Column[]): string {
  const n = cols[0]!.length;
  let out = '';
  for (let i = 0; i < n; i++) {
    let line = copyValue(cols[0]![i]!);
    for (let c = 1; c < cols.length; c++) line += `\t${copyValue(cols[c]![i]!)}`;
    out += `${line}\n`;
  }
  return out;
}

/** How a batch is written: COPY on PostgreSQL, one INSERT from unnest() on the embedded database. */
export interface ClickSink {
  db: Db;
  copyIn?: (statement: string, data: string) => Promise<void>;
}

/**
 * Writes one batch. A batch retried after its first attempt did commit (the answer was lost)
 * clashes with its own rows: only then is it written again skipping duplicates. A row the
 * database refuses as data is isolated by halving the batch and dropped (counted), so it cannot
 * hold the queue forever.
 */
export async function insertClicks(
  sink: ClickSink,
  clicks: RawClick[],
  enrich: ClickEnricher,
): Promise<void> {
  const cols = toColumns(clicks, enrich);
  try {
    if (sink.copyIn) await sink.copyIn(COPY, toCopyText(cols));
    else await sink.db.executeQuery(CompiledQuery.raw(INSERT, cols.map(arrayLiteral)));
  } catch (error) {
    if (isUniqueViolation(error)) {
      await sink.db.executeQuery(CompiledQuery.raw(INSERT_SKIPPING_DUPLICATES, cols.map(arrayLiteral)));
    } else if (isDataError(error) && clicks.length > 1) {
      const half = clicks.length >> 1;
      await insertClicks(sink, clicks.slice(0, half), enrich);
      await insertClicks(sink, clicks.slice(half), enrich);
    } else if (isDataError(error)) {
      enrich.rejected++;
    } else throw error;
  }
  await recordTraffic(sink.db, clicks);
}

/** Moves each affiliate's last-click time forward to the newest click of the batch. */
async function recordTraffic(db: Db, clicks: RawClick[]): Promise<void> {
  const latest = new Map<number, number>();
  for (const click of clicks) {
    const id = click.route.affiliateId;
    if ((latest.get(id) ?? 0) < click.at) latest.set(id, click.at);
  }
  if (latest.size === 0) return;
  await db
    .insertInto('affiliate_traffic')
    .values([...latest].map(([affiliate_id, at]) => ({ affiliate_id, last_click_at: new Date(at) })))
    .onConflict((oc) =>
      oc.column('affiliate_id').doUpdateSet({
        last_click_at: sql`greatest(affiliate_traffic.last_click_at, excluded.last_click_at)`,
      }),
    )
    .execute();
}

/** SQLSTATE class 22 (data exception): the row itself is at fault, retrying cannot help. */
function isDataError(error: unknown): boolean {
  return String((error as { code?: string })?.code ?? '').startsWith('22');
}
