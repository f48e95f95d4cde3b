// @internal: only core/clicks imports this file.
import {
  type ClickEnricher,
  clip,
  describeAgent,
  isoTimes,
  queryValues,
  type RawClick,
  storedIp,
  type Value,
} from './click-rows.ts';

// COPY text format: a backslash, tab, newline or carriage return in a value is escaped.
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One value as a COPY text field. */
export function copyField(v: Value | undefined): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'string') return /[\\\t\n\r]/.test(v) ? v.replace(/[\\\t\n\r]/g, (ch) => ESCAPES[ch]!) : v;
  return v === true ? 't' : v === false ? 'f' : String(v);
}

/**
 * The clicks in COPY text format: the values toRows (click-rows.ts) gives, in the same order,
 * written straight from the raw clicks. This runs for every click on PostgreSQL, so what the
 * clicks of a batch share (promo, millisecond, query string, address, user agent) is formatted
 * once per batch.
 */
export function clickCopyText(clicks: RawClick[], enrich: ClickEnricher): string {
  const queries = new Map<string, string>();
  const addresses = new Map<string, [ip: string, country: string]>();
  const agents = new Map<string, [ua: string, deviceAndBot: string]>();
  const isoTime = isoTimes();
  let lastRoute: readonly unknown[] = [];
  let route = '';
  let out = '';
  for (const click of clicks) {
    const [id, at, , , , , , variant, query, ip, ua, referrer, unique] = click;
    // Promo, campaign, affiliate, brand and link (2 to 6): formatted again only when they change.
    const r = lastRoute;
    if (
      r[2] !== click[2] ||
      r[3] !== click[3] ||
      r[4] !== click[4] ||
      r[5] !== click[5] ||
      r[6] !== click[6]
    ) {
      lastRoute = click;
      route = click.slice(2, 7).join('\t');
    }
    let q = queries.get(query);
    if (q === undefined) {
      q = queryValues(query).map(copyField).join('\t');
      queries.set(query, q);
    }
    let address = addresses.get(ip ?? '');
    if (address === undefined) {
      const country = ip && enrich.country ? enrich.country(ip) : null;
      address = [copyField(storedIp(ip, enrich)), copyField(country)];
      addresses.set(ip ?? '', address);
    }
    let agent = agents.get(ua ?? '');
    if (agent === undefined) {
      const { device, bot } = describeAgent(ua);
      agent = [copyField(clip(ua, 1000)), `${copyField(device)}\t${bot ? 't' : 'f'}`];
      agents.set(ua ?? '', agent);
    }
    out += `${id}\t${isoTime(at)}\t${route}\t${variant}\t${q}\t${address[0]}\t${agent[0]}\t${copyField(clip(referrer, 2000))}\t${agent[1]}\t${unique ? 't' : 'f'}\t${address[1]}\n`;
  }
  return out;
}
