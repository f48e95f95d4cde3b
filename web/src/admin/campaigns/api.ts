import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import type { components, paths } from '../../api/schema.d.ts';
import type { Json } from '../../api/types.ts';
import type { Option } from '../../components/SelectField.tsx';

export type Campaign = Json<paths['/api/v1/campaigns/{id}']['get']['responses'][200]>;
export type CampaignListItem = components['schemas']['CampaignListItem'];
export type Promo = components['schemas']['Promo'];
export type CampaignQuery = NonNullable<paths['/api/v1/campaigns']['get']['parameters']['query']>;
export type CampaignBody = Json<paths['/api/v1/campaigns']['post']['requestBody']>;
export type CampaignPatch = Json<paths['/api/v1/campaigns/{id}']['patch']['requestBody']>;
export type PromoBody = Json<paths['/api/v1/campaigns/{id}/promos']['post']['requestBody']>;
export type Tab = NonNullable<CampaignQuery['tab']>;

export function campaignsQuery(query: CampaignQuery) {
  return queryOptions({
    queryKey: ['campaigns', 'list', query],
    queryFn: () => unwrap(api.GET('/api/v1/campaigns', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function campaignQuery(id: number) {
  return queryOptions({
    queryKey: ['campaigns', id],
    queryFn: () => unwrap(api.GET('/api/v1/campaigns/{id}', { params: { path: { id } } })),
  });
}

/** A campaign's promos on one page (a campaign holds a handful; the first 500 are shown). */
export function campaignPromosQuery(campaignId: number) {
  return queryOptions({
    queryKey: ['promos', 'campaign', campaignId],
    queryFn: () =>
      unwrap(api.GET('/api/v1/promos', { params: { query: { campaign_id: campaignId, page_size: 500 } } })),
  });
}

export const createCampaign = (body: CampaignBody) => unwrap(api.POST('/api/v1/campaigns', { body }));

export const updateCampaign = (id: number, body: CampaignPatch) =>
  unwrap(api.PATCH('/api/v1/campaigns/{id}', { params: { path: { id } }, body }));

export const setArchived = (id: number, archived: boolean) =>
  archived
    ? unwrap(api.POST('/api/v1/campaigns/{id}/archive', { params: { path: { id } } }))
    : unwrap(api.POST('/api/v1/campaigns/{id}/unarchive', { params: { path: { id } } }));

export const createPromo = (campaignId: number, body: PromoBody) =>
  unwrap(api.POST('/api/v1/campaigns/{id}/promos', { params: { path: { id: campaignId } }, body }));

export const setPromoEnabled = (id: number, enabled: boolean) =>
  unwrap(api.PATCH('/api/v1/promos/{id}', { params: { path: { id } }, body: { enabled } }));

/** The program's commission plans (every brand's), for names in lists and the plan choice. */
export const plansQuery = queryOptions({
  queryKey: ['commission-plans', 'list', 'for-campaigns'],
  queryFn: () => unwrap(api.GET('/api/v1/commission-plans', { params: { query: { page_size: 500 } } })),
});

export function usePlanNames(): (id: number | null) => string {
  const plans = useQuery(plansQuery).data?.data ?? [];
  return (id) => (id === null ? 'the usual plan' : (plans.find((p) => p.id === id)?.name ?? `Plan #${id}`));
}

/**
 * The plans a campaign of `brandId` for `affiliateId` may take, as the server checks them: the
 * brand's active plans, a private one only when opened to the affiliate.
 */
export function usePlanOptions(brandId: number, affiliateId: number | undefined): Option[] {
  const plans = useQuery(plansQuery).data?.data ?? [];
  return plans
    .filter(
      (p) =>
        p.brand_id === brandId &&
        p.status === 'active' &&
        (!p.is_private || (affiliateId !== undefined && p.private_affiliate_ids.includes(affiliateId))),
    )
    .map((p) => ({
      value: String(p.id),
      label: `${p.name} (${p.currency}${p.is_private ? ', private' : ''})`,
    }));
}

/** The landings a promo of the campaign may use: the brand's enabled links open to its affiliate. */
export function promoLinksQuery(brandId: number, affiliateId: number) {
  return queryOptions({
    queryKey: ['destination-links', 'for-promo', brandId, affiliateId],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/destination-links', {
          params: { query: { brand_id: brandId, enabled: true, visible_to_affiliate_id: affiliateId } },
        }),
      ),
  });
}

/** The banners of the brand (and those for every brand); the affiliate may use public ones and its own. */
export function promoMediaQuery(brandId: number) {
  return queryOptions({
    queryKey: ['media', 'for-promo', brandId],
    queryFn: () => unwrap(api.GET('/api/v1/media', { params: { query: { brand_id: brandId } } })),
  });
}

export const trafficSourcesQuery = queryOptions({
  queryKey: ['traffic-sources'],
  queryFn: () => unwrap(api.GET('/api/v1/traffic-sources')),
});
