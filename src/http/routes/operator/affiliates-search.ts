import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type TSchema, Type } from 'typebox';
import { BILLING_FREQUENCIES } from '../../../core/affiliates/billing-rules.ts';
import { PAYMENT_TYPES } from '../../../core/affiliates/payment-methods.ts';
import {
  AFFILIATE_SORTS,
  type AffiliateSort,
  searchAffiliates,
} from '../../../core/affiliates/search-affiliates.ts';
import { AFFILIATE_STATUSES } from '../../../core/affiliates/status.ts';
import { AppError } from '../../../core/errors.ts';
import { managedBy, operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import { AffiliateListItem, SearchPaging } from '../../schemas/affiliates-read.ts';
import { StringEnum, withErrors } from '../../schemas/common.ts';

export const MAX_PAGE_SIZE = 500;
const DEFAULT_PAGE_SIZE = 50;
/** The most values a list filter takes (`id` included), so one query stays small. */
const MAX_VALUES = 100;

const many = <T extends TSchema>(item: T, description: string) =>
  Type.Optional(
    Type.Array(item, {
      maxItems: MAX_VALUES,
      description: `${description}; repeat the parameter for several`,
    }),
  );
const DateBound = (description: string) =>
  Type.Optional(
    Type.String({ maxLength: 40, description: `${description}: YYYY-MM-DD (the whole day) or a date-time` }),
  );

const SearchQuery = Type.Object(
  {
    q: Type.Optional(
      Type.String({
        maxLength: 200,
        description:
          'Words found (each, anywhere) in the name, company name or email; a number also matches the id',
      }),
    ),
    id: many(
      Type.Integer({ minimum: 1, maximum: 2_147_483_647 }),
      `Only these affiliates (at most ${MAX_VALUES}), e.g. to name the ones a form holds`,
    ),
    status: many(StringEnum(AFFILIATE_STATUSES), 'Any of these statuses'),
    account_manager_id: many(
      Type.Integer({ minimum: 0 }),
      'Managed by any of these staff users (0: no manager)',
    ),
    account_executive_id: many(Type.Integer({ minimum: 0 }), 'Any of these account executives (0: none)'),
    billing_frequency: many(StringEnum(BILLING_FREQUENCIES), 'Any of these billing frequencies'),
    payment_type: many(StringEnum(PAYMENT_TYPES), 'Any of these payment types'),
    label: many(Type.String({ maxLength: 64 }), 'Labels (any case)'),
    labels_match: Type.Optional(
      StringEnum(['any', 'all'], { description: 'any (default) or all of the labels' }),
    ),
    country_code: many(Type.String({ pattern: '^[A-Za-z]{2}$' }), 'Address in any of these countries'),
    region_code: many(
      Type.String({ pattern: '^([A-Za-z]{2}-)?[A-Za-z0-9]{1,3}$' }),
      'Address in any of these regions: CA, or US-CA to say which country',
    ),
    tier_id: many(Type.Integer({ minimum: 1 }), 'Any of these tiers'),
    referrer_id: many(Type.Integer({ minimum: 1 }), 'Sub-affiliates of any of these affiliates'),
    has_referrer: Type.Optional(
      Type.Boolean({ description: 'true: only sub-affiliates; false: only top-level ones' }),
    ),
    traffic_source_id: many(Type.Integer({ minimum: 1 }), 'Using any of these traffic sources'),
    created_from: DateBound('Created on or after'),
    created_to: DateBound('Created on or before'),
    approved_from: DateBound('Approved on or after'),
    approved_to: DateBound('Approved on or before'),
    ran_traffic_in_last_hours: Type.Optional(
      Type.Integer({ minimum: 1, maximum: 8760, description: 'Had at least one click in the last N hours' }),
    ),
    sort: Type.Optional(
      StringEnum(
        AFFILIATE_SORTS.flatMap((s) => [s, `-${s}`]),
        { description: 'A field, descending with a leading "-"; default -id (newest first)' },
      ),
    ),
    page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000 })),
    page_size: Type.Optional(
      Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, description: `Default ${DEFAULT_PAGE_SIZE}` }),
    ),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000_000, description: 'Instead of page' })),
    limit: Type.Optional(
      Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, description: 'Instead of page_size' }),
    ),
  },
  { additionalProperties: false },
);

/** Page and page size, or offset and limit: one pair or the other, answered in both terms. */
export function paging(q: { page?: number; page_size?: number; offset?: number; limit?: number }) {
  const byOffset = q.offset !== undefined || q.limit !== undefined;
  if (byOffset && (q.page !== undefined || q.page_size !== undefined)) {
    throw AppError.field(
      q.page !== undefined ? 'page' : 'page_size',
      'use page and page_size, or offset and limit, not both',
    );
  }
  const limit = (byOffset ? q.limit : q.page_size) ?? DEFAULT_PAGE_SIZE;
  const offset = byOffset ? (q.offset ?? 0) : ((q.page ?? 1) - 1) * limit;
  return { limit, offset, page: Math.floor(offset / limit) + 1, page_size: limit };
}

export const affiliateSearchRoute: FastifyPluginAsyncTypebox = async (app) => {
  app.get(
    '/affiliates',
    {
      preValidation: requireOperator('read'),
      schema: {
        tags: ['affiliates'],
        security: operatorSecurity,
        summary: 'Search affiliates: text, filters, sorting, paging, total count',
        querystring: SearchQuery,
        response: withErrors(
          { 200: Type.Object({ data: Type.Array(AffiliateListItem), paging: SearchPaging }) },
          401,
          403,
          422,
        ),
      },
    },
    async (request) => {
      const q = request.query;
      const page = paging(q);
      const sort = q.sort
        ? { by: q.sort.replace(/^-/, '') as AffiliateSort, desc: q.sort.startsWith('-') }
        : undefined;
      const result = await searchAffiliates(app.deps.database.db, {
        q: q.q,
        ids: q.id,
        statuses: q.status,
        account_manager_ids: q.account_manager_id,
        account_executive_ids: q.account_executive_id,
        billing_frequencies: q.billing_frequency,
        payment_types: q.payment_type,
        labels: q.label,
        labels_match: q.labels_match,
        country_codes: q.country_code,
        region_codes: q.region_code,
        tier_ids: q.tier_id,
        referrer_ids: q.referrer_id,
        has_referrer: q.has_referrer,
        traffic_source_ids: q.traffic_source_id,
        created_from: q.created_from,
        created_to: q.created_to,
        approved_from: q.approved_from,
        approved_to: q.approved_to,
        ran_traffic_in_last_hours: q.ran_traffic_in_last_hours,
        restrict_to_manager_id: managedBy(request.principal),
        sort,
        limit: page.limit,
        offset: page.offset,
      });
      return { data: result.data, paging: { ...page, total: result.total, total_count: result.total } };
    },
  );
};
