import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';

export type Tab = 'active' | 'archived' | 'all';

/** The affiliate's campaigns of a tab on one page (the list and the filters' choices show them all, up to 500). */
export function campaignsQuery(tab: Tab) {
  return queryOptions({
    queryKey: ['portal', 'campaigns', tab],
    queryFn: () =>
      unwrap(api.GET('/api/partner/v1/campaigns', { params: { query: { tab, page_size: 500 } } })),
  });
}

export function campaignQuery(id: number) {
  return queryOptions({
    queryKey: ['portal', 'campaigns', 'one', id],
    queryFn: () => unwrap(api.GET('/api/partner/v1/campaigns/{id}', { params: { path: { id } } })),
  });
}

export function campaignPromosQuery(id: number) {
  return queryOptions({
    queryKey: ['portal', 'campaigns', 'one', id, 'promos'],
    queryFn: () => unwrap(api.GET('/api/partner/v1/campaigns/{id}/promos', { params: { path: { id } } })),
  });
}

export function promoOptionsQuery(id: number) {
  return queryOptions({
    queryKey: ['portal', 'campaigns', 'one', id, 'promo-options'],
    queryFn: () =>
      unwrap(api.GET('/api/partner/v1/campaigns/{id}/promo-options', { params: { path: { id } } })),
  });
}

export function bannersQuery(brandId: number) {
  return queryOptions({
    queryKey: ['portal', 'media', brandId],
    queryFn: () => unwrap(api.GET('/api/partner/v1/media', { params: { query: { brand_id: brandId } } })),
  });
}

export const portalBrandsQuery = queryOptions({
  queryKey: ['portal', 'brands'],
  queryFn: () => unwrap(api.GET('/api/partner/v1/brands')),
});
