import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import type { components, paths } from '../../api/schema.d.ts';

/** Aliases of the generated types the affiliate screens use, so they follow the server's schema. */
type Json<T> = T extends { content: { 'application/json': infer B } } ? B : never;
export type Affiliate = Json<paths['/api/v1/affiliates/{id}']['get']['responses'][200]>;
export type AffiliateListItem = components['schemas']['AffiliateListItem'];
export type AffiliateUser = components['schemas']['AffiliateUser'];
export type HistoryEntry = components['schemas']['AffiliateHistoryEntry'];
export type SearchQuery = NonNullable<paths['/api/v1/affiliates']['get']['parameters']['query']>;
export type Relationship = NonNullable<
  NonNullable<paths['/api/v1/affiliates/{id}']['get']['parameters']['query']>['relationship']
>[number];
export type CreateBody = Json<NonNullable<paths['/api/v1/affiliates']['post']['requestBody']>>;
export type PatchBody = Json<NonNullable<paths['/api/v1/affiliates/{id}']['patch']['requestBody']>>;
export type BulkEditBody = Json<
  NonNullable<paths['/api/v1/affiliates/bulk-edit/preview']['post']['requestBody']>
>;
export type BulkEditResult = Json<paths['/api/v1/affiliates/bulk-edit/preview']['post']['responses'][200]>;
export type AffiliateStatus = AffiliateListItem['status'];
export type BillingFrequency = AffiliateListItem['billing_frequency'];
export type PaymentType = AffiliateListItem['payment_type'];

export const STATUSES: AffiliateStatus[] = [
  'pending',
  'active',
  'inactive',
  'suspended',
  'declined',
  'view_only',
];
export const FREQUENCIES: BillingFrequency[] = [
  'weekly',
  'bimonthly',
  'monthly',
  'two_months',
  'quarterly',
  'manual',
  'other',
];
export const PAYMENT_TYPES: PaymentType[] = [
  'none',
  'paypal',
  'check',
  'wire',
  'direct_deposit',
  'tipalti',
  'paxum',
  'veem',
  'payoneer',
  'bitcoin',
  'webmoney',
  'capitalist',
  'transferwise',
  'gift_card',
  'masspay',
  'skrill',
];

export function affiliatesQuery(query: SearchQuery) {
  return queryOptions({
    queryKey: ['affiliates', 'list', query],
    queryFn: () => unwrap(api.GET('/api/v1/affiliates', { params: { query } })),
    // Keep the old page on screen while the next one loads.
    placeholderData: keepPreviousData,
  });
}

export function affiliateQuery(id: number, relationship: Relationship[] = []) {
  return queryOptions({
    queryKey: ['affiliates', id, relationship],
    queryFn: () =>
      unwrap(api.GET('/api/v1/affiliates/{id}', { params: { path: { id }, query: { relationship } } })),
  });
}

export function historyQuery(id: number, page: number) {
  return queryOptions({
    queryKey: ['affiliates', id, 'history', page],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/affiliates/{id}/history', {
          params: { path: { id }, query: { page, page_size: 20 } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
}

export const staffDirectoryQuery = queryOptions({
  queryKey: ['staff-directory'],
  queryFn: () =>
    unwrap(api.GET('/api/v1/staff-directory', { params: { query: { include_blocked: false } } })),
  staleTime: 60_000,
});

export const labelsQuery = queryOptions({
  queryKey: ['affiliate-labels'],
  queryFn: () => unwrap(api.GET('/api/v1/affiliate-labels')),
  staleTime: 60_000,
});

/** "view_only" reads "view only". */
export const humanize = (value: string) => value.replaceAll('_', ' ');
