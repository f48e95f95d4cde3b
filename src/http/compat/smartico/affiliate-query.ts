import type { AffiliateSearch } from '../../../core/affiliates/search-affiliates.ts';
import type { AffiliateStatus } from '../../../core/affiliates/status.ts';
import { AppError, type FieldError } from '../../../core/errors.ts';
import { fromSmarticoStatus } from './status.ts';

export const MAX_RANGE = 1000;

/** filter fields of GET af2_aff_op and the native search field each is. */
export const AFFILIATE_FILTERS = {
  id: 'ids',
  affiliate_id: 'ids',
  aff_status_id: 'statuses',
  manager_id: 'account_manager_ids',
  parent_affiliate_id: 'referrer_ids',
} as const;
type FilterField = keyof typeof AFFILIATE_FILTERS;
const MAX_INT = 2_147_483_647;

/** `filter` is JSON in the query, as Smartico's react-admin style API takes it. */
export function parseJson(raw: string | undefined, path: string, problems: FieldError[]): unknown {
  if (raw === undefined) return undefined;
  try {
    return JSON.parse(raw);
  } catch {
    problems.push({ path, message: 'is not valid JSON' });
    return undefined;
  }
}

/**
 * `range=[from, to]`: records from `from` (counted from 0) up to, not including, `to`, at most
 * 1,000 (the document's `range=[1000, 2000]` is the next 1,000). Without it: [0, 1000].
 */
export function parseRange(
  raw: string | undefined,
  problems: FieldError[],
): { offset: number; limit: number } {
  const value = parseJson(raw, 'range', problems);
  if (value === undefined) return { offset: 0, limit: MAX_RANGE };
  const ok = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;
  if (!Array.isArray(value) || value.length !== 2 || !ok(value[0]) || !ok(value[1])) {
    problems.push({ path: 'range', message: 'must be [from, to], two whole numbers from 0' });
  } else if (value[1] <= value[0]) {
    problems.push({ path: 'range', message: 'to must be greater than from' });
  } else if (value[1] - value[0] > MAX_RANGE) {
    problems.push({ path: 'range', message: `covers at most ${MAX_RANGE} records a call` });
  } else return { offset: value[0], limit: value[1] - value[0] };
  return { offset: 0, limit: MAX_RANGE };
}

/** A filter value: one id or a list of them (react-admin's getMany sends `{"id": [1, 2]}`). */
function ids(field: FilterField, value: unknown, problems: FieldError[]): number[] {
  const list = Array.isArray(value) ? value : [value];
  const ok = list.length <= MAX_RANGE && list.every((n) => Number.isSafeInteger(n) && n >= 1 && n <= MAX_INT);
  if (!ok)
    problems.push({ path: `filter.${field}`, message: 'must be an id or an array of at most 1000 ids' });
  return ok ? (list as number[]) : [];
}

/**
 * The native search of GET af2_aff_op's `filter` and `range` (null when a filter's empty list
 * matches nothing); 422 naming every bad one.
 */
export function affiliateSearchOf(query: { filter?: string; range?: string }): AffiliateSearch | null {
  const problems: FieldError[] = [];
  const filter = parseJson(query.filter, 'filter', problems);
  const page = parseRange(query.range, problems);
  const search: AffiliateSearch = { ...page, sort: { by: 'id', desc: false } };
  let none = false;
  if (filter !== undefined && (filter === null || typeof filter !== 'object' || Array.isArray(filter)))
    problems.push({ path: 'filter', message: 'must be a JSON object of fields' });
  else if (filter) {
    for (const [field, value] of Object.entries(filter)) {
      if (!(field in AFFILIATE_FILTERS)) {
        problems.push({
          path: `filter.${field}`,
          message: `is not a filter of af2_aff_op (use ${Object.keys(AFFILIATE_FILTERS).join(', ')})`,
        });
        continue;
      }
      const key = AFFILIATE_FILTERS[field as FilterField];
      const values = ids(field as FilterField, value, problems);
      if (Array.isArray(value) && value.length === 0) none = true;
      if (key === 'statuses') {
        const statuses = values.map(fromSmarticoStatus);
        if (statuses.includes(null))
          problems.push({
            path: `filter.${field}`,
            message: 'must be one of 1, 2, 3, 4, 5 (AffiliateStatus)',
          });
        // 4 (Suspended) reads both suspended and inactive accounts, as each shows as 4.
        const native = statuses.flatMap((s): AffiliateStatus[] =>
          s === 'suspended' ? ['suspended', 'inactive'] : s ? [s] : [],
        );
        search.statuses = [...new Set([...(search.statuses ?? []), ...native])];
      } else if (key === 'ids') {
        // id and affiliate_id are the same number: both given, a record must match both.
        search.ids = search.ids ? search.ids.filter((i) => values.includes(i)) : values;
      } else search[key] = values;
    }
  }
  if (problems.length) throw AppError.validation(problems);
  return none || search.ids?.length === 0 ? null : search;
}
