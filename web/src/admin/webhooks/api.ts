import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';

export const WEBHOOK_EVENT_TYPES = [
  'affiliate.created',
  'affiliate.approved',
  'customer.attributed',
  'commission.created',
  'bill.approved',
  'cash_out.requested',
  'cash_out.changed',
] as const;

export const webhooksQuery = queryOptions({
  queryKey: ['admin', 'webhooks', 'list'],
  queryFn: () => unwrap(api.GET('/api/v1/webhooks', { params: { query: { page_size: 100 } } })),
});

export const webhookLogQuery = (page: number, endpointId?: number) =>
  queryOptions({
    queryKey: ['admin', 'webhooks', 'log', page, endpointId],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/webhooks/log', {
          params: { query: { page, page_size: 50, ...(endpointId ? { endpoint_id: endpointId } : {}) } },
        }),
      ),
    placeholderData: keepPreviousData,
  });
