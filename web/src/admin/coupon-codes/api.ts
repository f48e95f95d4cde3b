import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import type { components, paths } from '../../api/schema.d.ts';
import type { Json } from '../../api/types.ts';

export type CouponCode = components['schemas']['CouponCode'];
export type CouponQuery = NonNullable<paths['/api/v1/coupon-codes']['get']['parameters']['query']>;
export type CouponBody = Json<paths['/api/v1/coupon-codes']['post']['requestBody']>;
export type CouponPatch = Json<paths['/api/v1/coupon-codes/{id}']['patch']['requestBody']>;

export function couponCodesQuery(query: CouponQuery) {
  return queryOptions({
    queryKey: ['coupon-codes', 'list', query],
    queryFn: () => unwrap(api.GET('/api/v1/coupon-codes', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export const createCouponCode = (body: CouponBody) => unwrap(api.POST('/api/v1/coupon-codes', { body }));

export const updateCouponCode = (id: number, body: CouponPatch) =>
  unwrap(api.PATCH('/api/v1/coupon-codes/{id}', { params: { path: { id } }, body }));

/** Deletes a code no event used; a used one is disabled instead (200 with the code, not 204). */
export async function removeCouponCode(id: number): Promise<'deleted' | 'disabled'> {
  const kept = await unwrap(api.DELETE('/api/v1/coupon-codes/{id}', { params: { path: { id } } }));
  return kept ? 'disabled' : 'deleted';
}
