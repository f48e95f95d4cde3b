// @internal: only core/affiliates imports this file.
import type { FieldError } from '../errors.ts';
import type { References } from './references.ts';
import type { AffiliateFields } from './state.ts';

/** How far up a referrer chain we look for a cycle; deeper chains are refused outright. */
const MAX_REFERRER_DEPTH = 50;

/**
 * Checks what the fields point at. Only values that differ from `before` are checked, so an
 * affiliate keeps a manager who was blocked later, while nobody can newly pick a blocked one.
 */
export async function referenceProblems(
  f: AffiliateFields,
  before: AffiliateFields | null,
  selfId: number | null,
  refs: References,
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const changed = <K extends keyof AffiliateFields>(key: K) =>
    before === null || JSON.stringify(before[key], big) !== JSON.stringify(f[key], big);

  for (const key of ['account_manager_id', 'account_executive_id'] as const) {
    const id = f[key];
    if (id === null || !changed(key)) continue;
    const status = await refs.staffStatus(id);
    if (status === null) errors.push({ path: key, message: `no staff user with id ${id}` });
    else if (status !== 'active') errors.push({ path: key, message: `staff user ${id} is blocked` });
  }
  if (f.tier_id !== null && changed('tier_id') && !(await refs.tierExists(f.tier_id))) {
    errors.push({ path: 'tier_id', message: `no tier with id ${f.tier_id}` });
  }
  if (f.referrer_id !== null && changed('referrer_id')) {
    const problem = await referrerProblem(f.referrer_id, selfId, refs);
    if (problem) errors.push({ path: 'referrer_id', message: problem });
  }
  if (f.traffic_source_id !== null && changed('traffic_source_id')) {
    const status = await refs.trafficSourceStatus(f.traffic_source_id);
    if (status !== 'active') {
      errors.push({
        path: 'traffic_source_id',
        message: status
          ? 'that traffic source is archived'
          : `no traffic source with id ${f.traffic_source_id}`,
      });
    }
  }
  const oldSources = new Set(before?.traffic_source_ids ?? []);
  for (const [i, id] of f.traffic_source_ids.entries()) {
    if (oldSources.has(id)) continue;
    const status = await refs.trafficSourceStatus(id);
    if (status !== 'active') {
      errors.push({
        path: `traffic_source_ids[${i}]`,
        message: status ? `traffic source ${id} is archived` : `no traffic source with id ${id}`,
      });
    }
  }
  const oldTags = new Set((before?.custom_tags ?? []).map((t) => `${t.tag_id}:${t.value_id}`));
  for (const [i, t] of f.custom_tags.entries()) {
    if (oldTags.has(`${t.tag_id}:${t.value_id}`)) continue;
    const match = await refs.tagValueMatches(t.tag_id, t.value_id);
    if (match === 'no_tag')
      errors.push({ path: `custom_tags[${i}].tag_id`, message: `no custom tag with id ${t.tag_id}` });
    if (match === 'no_value') {
      errors.push({
        path: `custom_tags[${i}].value_id`,
        message: `value ${t.value_id} is not one of tag ${t.tag_id}'s values`,
      });
    }
  }
  if (
    f.default_currency !== null &&
    changed('default_currency') &&
    !(await refs.currencyKnown(f.default_currency))
  ) {
    errors.push({ path: 'default_currency', message: `unknown or disabled currency ${f.default_currency}` });
  }
  const country = f.address?.country_code ?? null;
  const region = f.address?.region_code ?? null;
  if (country !== null && changed('address')) {
    if (!(await refs.countryKnown(country))) {
      errors.push({ path: 'address.country_code', message: `unknown country ${country}` });
    } else if (region !== null && !(await refs.regionKnown(country, region))) {
      errors.push({ path: 'address.region_code', message: `unknown region ${region} of ${country}` });
    }
  }
  if (f.external_id !== null && changed('external_id')) {
    const owner = await refs.externalIdOwner(f.external_id);
    if (owner !== null && owner !== selfId) {
      const by = (await refs.affiliateVisible(owner)) ? `affiliate ${owner}` : 'another affiliate';
      errors.push({ path: 'external_id', message: `already used by ${by}` });
    }
  }
  return errors;
}

async function referrerProblem(
  referrerId: number,
  selfId: number | null,
  refs: References,
): Promise<string | null> {
  if (referrerId === selfId) return 'an affiliate cannot refer itself';
  if (!(await refs.affiliateVisible(referrerId))) return `no affiliate with id ${referrerId}`;
  let current: number | null | undefined = await refs.parentOf(referrerId);
  if (current === undefined) return `no affiliate with id ${referrerId}`;
  for (let depth = 0; current !== null; depth++) {
    if (current === selfId)
      return `affiliate ${referrerId} is referred (directly or not) by this one: that would be a cycle`;
    if (depth >= MAX_REFERRER_DEPTH) return 'the referrer chain is too deep';
    current = (await refs.parentOf(current)) ?? null;
  }
  return null;
}

/** JSON.stringify replacer for states, which hold bigint amounts. */
export function big(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}
