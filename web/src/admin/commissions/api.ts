import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/schema.d.ts';
import type { Json } from '../../api/types.ts';

export type CommissionQuery = NonNullable<paths['/api/v1/commissions']['get']['parameters']['query']>;
export type Commission = Json<paths['/api/v1/commissions']['get']['responses'][200]>['data'][number];
export type CommissionDetail = Json<paths['/api/v1/commissions/{id}']['get']['responses'][200]>;
export type BacktestBody = Json<
  NonNullable<paths['/api/v1/commission-plans/backtest']['post']['requestBody']>
>;
export type BacktestResult = Json<paths['/api/v1/commission-plans/backtest']['post']['responses'][200]>;

export const KINDS = [
  'cpl',
  'cpa',
  'revshare',
  'sale_share',
  'sub_cpa',
  'sub_revshare',
  'sub_net_pl',
] as const;
export const STATUSES = ['pending', 'on_hold', 'approved', 'rejected', 'reversed', 'billed', 'paid'] as const;

export function commissionsQuery(query: CommissionQuery) {
  return queryOptions({
    queryKey: ['commissions', 'list', query],
    queryFn: () => unwrap(api.GET('/api/v1/commissions', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function commissionQuery(id: number) {
  return queryOptions({
    queryKey: ['commissions', id],
    queryFn: () => unwrap(api.GET('/api/v1/commissions/{id}', { params: { path: { id } } })),
  });
}

export type StatusAction = 'approve' | 'reject' | 'release';

/** Moves a commission (and what derives from it); a rejection needs its reason. */
export function changeStatus(id: number, action: StatusAction, reason: string) {
  const params = { params: { path: { id } } };
  if (action === 'reject')
    return unwrap(api.POST('/api/v1/commissions/{id}/reject', { ...params, body: { reason } }));
  const body = reason ? { reason } : {};
  return action === 'approve'
    ? unwrap(api.POST('/api/v1/commissions/{id}/approve', { ...params, body }))
    : unwrap(api.POST('/api/v1/commissions/{id}/release', { ...params, body }));
}

export const runBacktest = (body: BacktestBody) =>
  unwrap(api.POST('/api/v1/commission-plans/backtest', { body }));
