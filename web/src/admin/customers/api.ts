import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/schema.d.ts';
import type { Json } from '../../api/types.ts';
import { formatMoney, type Money } from '../../customers/money.ts';

/** Aliases of the generated types the customer screens use, so they follow the server's schema. */
export type CustomerQuery = NonNullable<paths['/api/v1/customers']['get']['parameters']['query']>;
export type Customer = Json<paths['/api/v1/customers']['get']['responses'][200]>['data'][number];
export type CustomerDetail = Json<paths['/api/v1/customers/{id}']['get']['responses'][200]>;
export type CustomerTotals = Customer['totals'][number];
export type TimelineEntry = CustomerDetail['timeline'][number];
export type AttributionBody = Json<paths['/api/v1/customers/{id}/attribution']['post']['requestBody']>;

export function customersQuery(query: CustomerQuery) {
  return queryOptions({
    queryKey: ['customers', 'list', query],
    queryFn: () => unwrap(api.GET('/api/v1/customers', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function customerQuery(id: number) {
  return queryOptions({
    queryKey: ['customers', id],
    queryFn: () => unwrap(api.GET('/api/v1/customers/{id}', { params: { path: { id } } })),
  });
}

/** Attributes (or moves) a customer; the answer is the customer with its new timeline. */
export const attributeCustomer = (id: number, body: AttributionBody) =>
  unwrap(api.POST('/api/v1/customers/{id}/attribution', { params: { path: { id } }, body }));

/** Every currency's minor unit, as the server counts amounts (crypto currencies included). */
const allCurrenciesQuery = queryOptions({
  queryKey: ['currencies', 'all'],
  queryFn: () => unwrap(api.GET('/api/v1/currencies')),
  staleTime: 10 * 60_000,
});

/** Formats minor units in the server's exponent of each currency (the browser's until it is read). */
export function useMoney(): Money {
  const currencies = useQuery(allCurrenciesQuery).data?.data;
  const units = new Map(currencies?.map((c) => [c.code, c.minor_unit]));
  return (minor, currency) => formatMoney(minor, currency, units.get(currency));
}

/** The affiliate's campaigns for one brand, for the attribution form. */
export function campaignOptionsQuery(affiliateId: number, brandId: number) {
  return queryOptions({
    queryKey: ['campaigns', 'options', affiliateId, brandId],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/campaigns', {
          params: { query: { affiliate_id: affiliateId, brand_id: brandId, tab: 'active', page_size: 200 } },
        }),
      ),
    enabled: affiliateId > 0,
  });
}

export function promoOptionsQuery(campaignId: number) {
  return queryOptions({
    queryKey: ['promos', 'options', campaignId],
    queryFn: () =>
      unwrap(api.GET('/api/v1/promos', { params: { query: { campaign_id: campaignId, page_size: 200 } } })),
    enabled: campaignId > 0,
  });
}
