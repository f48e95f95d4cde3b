import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/schema.d.ts';
import type { Json } from '../../api/types.ts';

/** Aliases of the generated types the plan screens use, so they follow the server's schema. */
export type PlanQuery = NonNullable<paths['/api/v1/commission-plans']['get']['parameters']['query']>;
export type Plan = Json<paths['/api/v1/commission-plans/{id}']['get']['responses'][200]>;
export type CreatePlanBody = Json<NonNullable<paths['/api/v1/commission-plans']['post']['requestBody']>>;
export type PublishBody = Json<
  NonNullable<paths['/api/v1/commission-plans/{id}/versions']['post']['requestBody']>
>;
export type PlanVersion = Json<
  paths['/api/v1/commission-plans/{id}/versions']['get']['responses'][200]
>['data'][number];
export type AssignmentQuery = NonNullable<
  paths['/api/v1/commission-plans/assignments']['get']['parameters']['query']
>;
export type Assignment = Json<
  paths['/api/v1/commission-plans/assignments']['get']['responses'][200]
>['data'][number];
export type ResolveQuery = paths['/api/v1/commission-plans/resolve']['get']['parameters']['query'];

export function plansQuery(query: PlanQuery) {
  return queryOptions({
    queryKey: ['commission-plans', 'list', query],
    queryFn: () => unwrap(api.GET('/api/v1/commission-plans', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function planQuery(id: number) {
  return queryOptions({
    queryKey: ['commission-plans', id],
    queryFn: () => unwrap(api.GET('/api/v1/commission-plans/{id}', { params: { path: { id } } })),
  });
}

export function versionsQuery(id: number) {
  return queryOptions({
    queryKey: ['commission-plans', id, 'versions'],
    queryFn: () => unwrap(api.GET('/api/v1/commission-plans/{id}/versions', { params: { path: { id } } })),
  });
}

export function assignmentsQuery(query: AssignmentQuery) {
  return queryOptions({
    queryKey: ['commission-plans', 'assignments', query],
    queryFn: () => unwrap(api.GET('/api/v1/commission-plans/assignments', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function resolveQuery(query: ResolveQuery | null) {
  return queryOptions({
    queryKey: ['commission-plans', 'resolve', query],
    queryFn: () =>
      unwrap(api.GET('/api/v1/commission-plans/resolve', { params: { query: query as ResolveQuery } })),
    enabled: query !== null,
    retry: false,
  });
}

export const createPlan = (body: CreatePlanBody) => unwrap(api.POST('/api/v1/commission-plans', { body }));

export const publishVersion = (id: number, body: PublishBody) =>
  unwrap(api.POST('/api/v1/commission-plans/{id}/versions', { params: { path: { id } }, body }));

export const setPlanArchived = (id: number, archived: boolean) =>
  archived
    ? unwrap(api.POST('/api/v1/commission-plans/{id}/archive', { params: { path: { id } } }))
    : unwrap(api.POST('/api/v1/commission-plans/{id}/unarchive', { params: { path: { id } } }));

export const assignBrandDefault = (
  brandId: number,
  body: Json<NonNullable<paths['/api/v1/brands/{id}/commission-plan']['put']['requestBody']>>,
) => unwrap(api.PUT('/api/v1/brands/{id}/commission-plan', { params: { path: { id: brandId } }, body }));

export const assignAffiliate = (
  affiliateId: number,
  body: Json<NonNullable<paths['/api/v1/affiliates/{id}/commission-plan']['put']['requestBody']>>,
) =>
  unwrap(api.PUT('/api/v1/affiliates/{id}/commission-plan', { params: { path: { id: affiliateId } }, body }));

/** A campaign has one plan (as in Affilka): set on the campaign, in force from `from` (now by default). */
export const assignCampaign = (campaignId: number, planId: number | null, from?: string) =>
  unwrap(
    api.PATCH('/api/v1/campaigns/{id}', {
      params: { path: { id: campaignId } },
      body: { commission_plan_id: planId, ...(from ? { commission_plan_effective_from: from } : {}) },
    }),
  );

export type PlanPatch = Json<NonNullable<paths['/api/v1/commission-plans/{id}']['patch']['requestBody']>>;

export const updatePlan = (id: number, body: PlanPatch) =>
  unwrap(api.PATCH('/api/v1/commission-plans/{id}', { params: { path: { id } }, body }));
