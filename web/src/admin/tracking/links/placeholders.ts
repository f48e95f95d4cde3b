/**
 * The placeholders the click redirect fills (server: core/tracking/template.ts and the
 * destination-link route's description). Used here only to explain and preview a URL.
 */
export const BUILT_IN_PLACEHOLDERS: { name: string; meaning: string; sample: string }[] = [
  { name: 'click_id', meaning: 'the click’s unique id', sample: '01JABCDEFGHJKMNPQRSTVWXYZ0' },
  { name: 'affiliate_id', meaning: 'the affiliate’s id', sample: '42' },
  { name: 'promo_id', meaning: 'the promo’s id', sample: '7' },
  { name: 'promo_code', meaning: 'the code in the tracking link', sample: 'k3x9q2m8w4za' },
  { name: 'campaign_id', meaning: 'the campaign’s id', sample: '12' },
  { name: 'brand_id', meaning: 'the brand’s id', sample: '1' },
  { name: 'link_id', meaning: 'this destination link’s id', sample: '3' },
  { name: 'traffic_source_id', meaning: 'the promo’s traffic source', sample: '5' },
];

/** Names taken from the tracking link's query string (or the promo's custom parameters). */
export const SUB_IDS = ['sub1', 'sub2', 'sub3', 'sub4', 'sub5'];

const PLACEHOLDER = /\{\{\s*([A-Za-z0-9_.-]+)\s*\}\}/g;

/** Smartico writes a custom parameter `name` as `{{_p_name}}`. */
const nameOf = (raw: string) => (raw.startsWith('_p_') ? raw.slice(3) : raw);

export function placeholdersIn(url: string): string[] {
  return [...new Set([...url.matchAll(PLACEHOLDER)].map((m) => nameOf(m[1]!)))];
}

/** The URL as a click would fill it with sample values; custom names read "<name>". */
export function previewUrl(url: string): string {
  return url.replace(PLACEHOLDER, (_, raw: string) => {
    const name = nameOf(raw);
    const builtIn = BUILT_IN_PLACEHOLDERS.find((p) => p.name === name);
    return builtIn ? encodeURIComponent(builtIn.sample) : `<${name}>`;
  });
}

export const isBuiltIn = (name: string) => BUILT_IN_PLACEHOLDERS.some((p) => p.name === name);
