import { AUDIENCES, type Audience, type LinkQuery } from '../api.ts';

/** The destination links list's filters, kept in the URL so a filtered list can be shared. */
export interface LinkSearch {
  brand?: number;
  enabled?: 'yes' | 'no';
  audience?: Audience;
  q?: string;
}

/** Anything odd in a hand-edited URL is dropped rather than sent to the server. */
export function validateLinkSearch(raw: Record<string, unknown>): LinkSearch {
  const brand = Number(raw.brand);
  const out: LinkSearch = {
    brand: Number.isInteger(brand) && brand > 0 ? brand : undefined,
    enabled: raw.enabled === 'yes' || raw.enabled === 'no' ? raw.enabled : undefined,
    audience: AUDIENCES.includes(raw.audience as Audience) ? (raw.audience as Audience) : undefined,
    q: typeof raw.q === 'string' && raw.q.trim() ? raw.q.trim() : undefined,
  };
  return Object.fromEntries(Object.entries(out).filter(([, v]) => v !== undefined)) as LinkSearch;
}

export function toLinkQuery(s: LinkSearch): LinkQuery {
  return {
    brand_id: s.brand,
    enabled: s.enabled === undefined ? undefined : s.enabled === 'yes',
    audience: s.audience,
    q: s.q,
  };
}
