// @internal: only core/affiliates imports this file.
import type { Db } from '../../db/index.ts';
import { findCountry } from '../reference/get-country.ts';
import { findCurrency } from '../reference/get-currency.ts';
import { findRegion } from '../reference/get-region.ts';

/**
 * Existence checks for what an affiliate points at, memoised so a bulk edit of a thousand
 * affiliates setting the same manager asks once. Currencies, countries and regions come from the
 * reference data (src/core/reference); its find* functions are used rather than its assert* ones
 * so every bad field of a request is reported at once.
 */
export interface References {
  staffStatus(id: number): Promise<'active' | 'blocked' | null>;
  tierExists(id: number): Promise<boolean>;
  trafficSourceStatus(id: number): Promise<'active' | 'archived' | null>;
  tagValueMatches(tagId: number, valueId: number): Promise<'ok' | 'no_tag' | 'no_value'>;
  currencyKnown(code: string): Promise<boolean>;
  countryKnown(code: string): Promise<boolean>;
  regionKnown(country: string, region: string): Promise<boolean>;
  /** The referrer of `id`: a number, null (none), or undefined when `id` does not exist. */
  parentOf(id: number): Promise<number | null | undefined>;
  /** False when `id` is missing or, for a limited manager, not one of theirs: it "does not exist". */
  affiliateVisible(id: number): Promise<boolean>;
  /** The name of a visible affiliate. */
  affiliateName(id: number): Promise<string | undefined>;
  externalIdOwner(externalId: string): Promise<number | null>;
  /** The managed label spelled like `name` regardless of case, if any. */
  labelSpelling(name: string): Promise<string | undefined>;
}

function memo<K, V>(load: (key: K) => Promise<V>): (key: K) => Promise<V> {
  const cache = new Map<K, Promise<V>>();
  return (key) => {
    let hit = cache.get(key);
    if (!hit) {
      hit = load(key);
      cache.set(key, hit);
    }
    return hit;
  };
}

/** `managerId`: a limited account manager, who sees only the affiliates they manage. */
export function createReferences(db: Db, managerId?: number): References {
  const affiliate = memo(async (id: number) =>
    db
      .selectFrom('affiliates')
      .select(['id', 'name', 'referrer_id', 'account_manager_id'])
      .where('id', '=', id)
      .executeTakeFirst(),
  );
  // Cycle checks walk the whole referrer chain (parentOf); only what is shown or newly pointed at
  // is limited to the manager's affiliates.
  const visible = async (id: number) => {
    const row = await affiliate(id);
    return row !== undefined && (managerId === undefined || row.account_manager_id === managerId);
  };
  const tagValue = memo(async (key: string) => {
    const [tagId, valueId] = key.split(':').map(Number) as [number, number];
    const tag = await db.selectFrom('custom_tags').select('id').where('id', '=', tagId).executeTakeFirst();
    if (!tag) return 'no_tag' as const;
    const value = await db
      .selectFrom('custom_tag_values')
      .select('id')
      .where('id', '=', valueId)
      .where('tag_id', '=', tagId)
      .executeTakeFirst();
    return value ? ('ok' as const) : ('no_value' as const);
  });
  const regionKnown = memo(async (key: string) => {
    const [country, region] = key.split('-') as [string, string];
    return Boolean(await findRegion(db, country, region));
  });
  return {
    staffStatus: memo(async (id) => {
      const row = await db.selectFrom('staff_users').select('status').where('id', '=', id).executeTakeFirst();
      return row?.status ?? null;
    }),
    tierExists: memo(async (id) =>
      Boolean(await db.selectFrom('affiliate_tiers').select('id').where('id', '=', id).executeTakeFirst()),
    ),
    trafficSourceStatus: memo(async (id) => {
      const row = await db
        .selectFrom('traffic_sources')
        .select('status')
        .where('id', '=', id)
        .executeTakeFirst();
      return row?.status ?? null;
    }),
    tagValueMatches: (tagId, valueId) => tagValue(`${tagId}:${valueId}`),
    currencyKnown: memo(async (code) => (await findCurrency(db, code))?.enabled === true),
    countryKnown: memo(async (code) => Boolean(await findCountry(db, code))),
    regionKnown: (country, region) => regionKnown(`${country}-${region}`),
    parentOf: async (id) => {
      const row = await affiliate(id);
      return row ? row.referrer_id : undefined;
    },
    affiliateVisible: visible,
    affiliateName: async (id) => ((await visible(id)) ? (await affiliate(id))?.name : undefined),
    externalIdOwner: memo(async (externalId) => {
      const row = await db
        .selectFrom('affiliates')
        .select('id')
        .where('external_id', '=', externalId)
        .executeTakeFirst();
      return row?.id ?? null;
    }),
    labelSpelling: memo(async (name) => {
      const row = await db
        .selectFrom('affiliate_labels')
        .select('name')
        .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
        .executeTakeFirst();
      return row?.name;
    }),
  };
}
