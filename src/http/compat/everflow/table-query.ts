import { type Static, Type } from 'typebox';
import { BILLING_FREQUENCIES } from '../../../core/affiliates/billing-rules.ts';
import type { AffiliateSearch } from '../../../core/affiliates/search-affiliates.ts';
import { AppError, type FieldError } from '../../../core/errors.ts';
import { StringEnum } from '../../schemas/common.ts';
import { EVERFLOW_STATUSES, isEverflowStatus, nativeStatusesOf } from './status.ts';
import { EVERFLOW_PAYMENT_TYPES, fromEverflowPaymentType } from './vocabulary.ts';

export const MAX_PAGE_SIZE = 2000;
const IdList = (description: string) =>
  Type.Array(Type.Integer({ minimum: 0, maximum: 2_147_483_647 }), { maxItems: 1000, description });

export const TableBody = Type.Object(
  {
    search_terms: Type.Optional(
      Type.Array(
        Type.Object({
          search_type: Type.String({ maxLength: 40, description: 'Only `name`' }),
          value: Type.String({ maxLength: 200 }),
        }),
        { maxItems: 20 },
      ),
    ),
    filters: Type.Optional(
      Type.Object(
        {
          account_status: Type.Optional(
            Type.String({ maxLength: 40, description: EVERFLOW_STATUSES.join(', ') }),
          ),
          account_manager_ids: Type.Optional(IdList('0: affiliates without a manager')),
          network_account_executives_ids: Type.Optional(IdList('0: affiliates without an executive')),
          billing_frequency: Type.Optional(
            Type.String({ maxLength: 40, description: BILLING_FREQUENCIES.join(', ') }),
          ),
          payment_type: Type.Optional(
            Type.String({ maxLength: 40, description: EVERFLOW_PAYMENT_TYPES.join(', ') }),
          ),
          labels: Type.Optional(Type.Array(Type.String({ maxLength: 100 }), { maxItems: 100 })),
          ran_traffic_in_last_hours: Type.Optional(Type.Integer({ minimum: 1, maximum: 87_600 })),
          network_tracking_domain_ids: Type.Optional(IdList('GET /everflow/v1/meta/tracking_domains')),
          country_codes: Type.Optional(Type.Array(Type.String({ maxLength: 2 }), { maxItems: 300 })),
          region_codes: Type.Optional(Type.Array(Type.String({ maxLength: 10 }), { maxItems: 300 })),
        },
        { additionalProperties: false, description: 'An unknown filter is refused (400), never ignored' },
      ),
    ),
  },
  { additionalProperties: true },
);
export type TableBodyT = Static<typeof TableBody>;

export const TableQuery = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1 })),
  page_size: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: 50 })),
  relationship: Type.Optional(
    Type.Array(StringEnum(['signup', 'users'] as const), {
      maxItems: 2,
      description: 'signup, users (repeat it)',
    }),
  ),
});

/**
 * The body as a native search; null when it can match nothing (payment type `pay`). Every bad
 * value is reported at once, in Everflow's names.
 */
export function tableSearch(body: TableBodyT): Omit<AffiliateSearch, 'offset' | 'limit'> | null {
  const problems: FieldError[] = [];
  const words: string[] = [];
  (body.search_terms ?? []).forEach((t, i) => {
    if (t.search_type !== 'name')
      problems.push({ path: `search_terms[${i}].search_type`, message: 'only "name" is supported' });
    else words.push(t.value);
  });
  const f = body.filters ?? {};
  const search: Omit<AffiliateSearch, 'offset' | 'limit'> = { sort: { by: 'id', desc: false } };
  if (words.length) search.q = words.join(' ');
  if (f.account_status !== undefined) {
    if (isEverflowStatus(f.account_status)) search.statuses = nativeStatusesOf(f.account_status);
    else
      problems.push({
        path: 'filters.account_status',
        message: `must be one of: ${EVERFLOW_STATUSES.join(', ')}`,
      });
  }
  if (f.billing_frequency !== undefined) {
    const frequency = BILLING_FREQUENCIES.find((b) => b === f.billing_frequency);
    if (frequency) search.billing_frequencies = [frequency];
    else
      problems.push({
        path: 'filters.billing_frequency',
        message: `must be one of: ${BILLING_FREQUENCIES.join(', ')}`,
      });
  }
  let none = false;
  if (f.payment_type !== undefined) {
    const type = fromEverflowPaymentType(f.payment_type);
    if (type.ok) search.payment_types = [type.type];
    else if (f.payment_type === 'pay') none = true;
    else problems.push({ path: 'filters.payment_type', message: type.message });
  }
  if (problems.length) throw AppError.validation(problems);
  if (none) return null;
  if (f.account_manager_ids?.length) search.account_manager_ids = f.account_manager_ids;
  if (f.network_account_executives_ids?.length)
    search.account_executive_ids = f.network_account_executives_ids;
  if (f.labels?.length) search.labels = f.labels;
  if (f.ran_traffic_in_last_hours !== undefined)
    search.ran_traffic_in_last_hours = f.ran_traffic_in_last_hours;
  if (f.network_tracking_domain_ids?.length) search.traffic_brand_ids = f.network_tracking_domain_ids;
  if (f.country_codes?.length) search.country_codes = f.country_codes;
  if (f.region_codes?.length) search.region_codes = f.region_codes;
  return search;
}
