import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';
import { type CheckedTemplate, checkUrlTemplate, type Template } from './template.ts';

/** What the click path needs to know about one tracking code, all of it in memory. */
export interface PromoRoute {
  code: string;
  promoId: number;
  campaignId: number;
  affiliateId: number;
  brandId: number;
  linkId: number;
  /** The built-in placeholder values, as the strings they are written as. */
  builtIns: ReadonlyMap<string, string>;
  /** false: the promo, its link, brand or affiliate is disabled, or the link no longer granted. */
  routable: boolean;
  /**
   * Why the link's stored URL cannot be used (saved before template.ts checked what it does now,
   * e.g. a line break, or a placeholder in the host); null when it can. `a` is null only then.
   */
  problem: string | null;
  a: Template | null;
  b: Template | null;
  abSplit: number;
  /** The promo's custom parameters: placeholder values when the click does not carry them. */
  defaults: ReadonlyMap<string, string>;
}

/** A change that can alter routes: the table and row id the NOTIFY trigger names (0005). */
export interface RouteChange {
  table: 'promos' | 'destination_links' | 'campaigns' | 'brands' | 'affiliates';
  id: number;
}

const COLUMN: Record<RouteChange['table'], string> = {
  promos: 'p.id',
  destination_links: 'p.destination_link_id',
  campaigns: 'p.campaign_id',
  brands: 'p.brand_id',
  affiliates: 'p.affiliate_id',
};

export function routeMatches(route: PromoRoute, change: RouteChange): boolean {
  switch (change.table) {
    case 'promos':
      return route.promoId === change.id;
    case 'destination_links':
      return route.linkId === change.id;
    case 'campaigns':
      return route.campaignId === change.id;
    case 'brands':
      return route.brandId === change.id;
    case 'affiliates':
      return route.affiliateId === change.id;
  }
}

interface RouteRow {
  id: number;
  code: string;
  campaign_id: number;
  affiliate_id: number;
  brand_id: number;
  destination_link_id: number;
  traffic_source_id: number | null;
  custom_params: Record<string, string>;
  routable: boolean;
  url: string;
  url_ab: string | null;
  ab_split: number;
}

/** Routes of every promo, or of those a change touches. Only active affiliates' links route. */
export async function loadRoutes(db: Db, change?: RouteChange): Promise<PromoRoute[]> {
  const where = change ? sql`where ${sql.ref(COLUMN[change.table])} = ${change.id}` : sql``;
  const { rows } = await sql<RouteRow>`
    select p.id, p.code, p.campaign_id, p.affiliate_id, p.brand_id, p.destination_link_id,
      p.traffic_source_id, p.custom_params, l.url, l.url_ab, l.ab_split,
      (p.enabled and l.enabled and b.enabled and a.status = 'active' and (l.is_public or exists (
        select 1 from destination_link_affiliates g
        where g.destination_link_id = l.id and g.affiliate_id = p.affiliate_id))) as routable
    from promos p
    join destination_links l on l.id = p.destination_link_id
    join brands b on b.id = p.brand_id
    join affiliates a on a.id = p.affiliate_id
    ${where}`.execute(db);
  // Stored URLs are checked again (and normalised) on load: rows may predate today's checks.
  // Promos share links, so each URL is checked once per load.
  const checked = new Map<string, CheckedTemplate>();
  const check = (url: string) => {
    let result = checked.get(url);
    if (!result) {
      result = checkUrlTemplate(url);
      checked.set(url, result);
    }
    return result;
  };
  return rows.map((row) => toRoute(row, check));
}

function toRoute(row: RouteRow, check: (url: string) => CheckedTemplate): PromoRoute {
  const a = check(row.url);
  const b = row.url_ab && row.ab_split > 0 ? check(row.url_ab) : null;
  const problem = a.problem ?? b?.problem;
  return {
    code: row.code,
    promoId: row.id,
    campaignId: row.campaign_id,
    affiliateId: row.affiliate_id,
    brandId: row.brand_id,
    linkId: row.destination_link_id,
    // Maps, not objects: a placeholder named `constructor` must not reach Object.prototype.
    builtIns: new Map([
      ['affiliate_id', String(row.affiliate_id)],
      ['promo_id', String(row.id)],
      ['promo_code', row.code],
      ['campaign_id', String(row.campaign_id)],
      ['brand_id', String(row.brand_id)],
      ['link_id', String(row.destination_link_id)],
      ['traffic_source_id', row.traffic_source_id === null ? '' : String(row.traffic_source_id)],
    ]),
    routable: row.routable,
    problem: problem === undefined ? null : `${a.problem ? 'url' : 'url_ab'} ${problem}`,
    a: problem === undefined ? a.template! : null,
    b: problem === undefined ? (b?.template ?? null) : null,
    abSplit: row.ab_split,
    defaults: new Map(Object.entries(row.custom_params ?? {})),
  };
}
