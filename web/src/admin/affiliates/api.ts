import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import { membersOf } from '../../api/enums.ts';
import type { components, paths } from '../../api/schema.d.ts';
import type { Json } from '../../api/types.ts';
import type { Option } from '../../components/SelectField.tsx';

/** Aliases of the generated types the affiliate screens use, so they follow the server's schema. */
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

/** Every status, in the order the screens offer them; see membersOf for why it is written so. */
export const STATUSES = membersOf<AffiliateStatus>({
  pending: true,
  active: true,
  inactive: true,
  suspended: true,
  declined: true,
  view_only: true,
});

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

export function usersQuery(id: number) {
  return queryOptions({
    queryKey: ['affiliates', id, 'users'],
    queryFn: () => unwrap(api.GET('/api/v1/affiliates/{id}/users', { params: { path: { id } } })),
  });
}

/** One page of the events log; `beforeId` is the previous page's `next_before_id`. */
export function eventsQuery(id: number, beforeId: number | undefined) {
  return queryOptions({
    queryKey: ['affiliates', id, 'events', beforeId ?? null],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/affiliates/{id}/events', {
          params: { path: { id }, query: { limit: 50, before_id: beforeId } },
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

/** Active staff as select options: account managers and executives. */
export function useStaffOptions(): Option[] {
  const staff = useQuery(staffDirectoryQuery);
  return (staff.data?.data ?? []).map((s) => ({ value: String(s.id), label: s.name || s.email }));
}

export const labelsQuery = queryOptions({
  queryKey: ['affiliate-labels'],
  queryFn: () => unwrap(api.GET('/api/v1/affiliate-labels')),
  staleTime: 60_000,
});
