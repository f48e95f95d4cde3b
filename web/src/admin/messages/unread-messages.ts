import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';

/** Messages from affiliates nobody of the operator has read: the navigation's badge. */
export const unreadMessagesQuery = queryOptions({
  queryKey: ['messages', 'unread-count'],
  queryFn: async () => (await unwrap(api.GET('/api/v1/messages/unread-count'))).unread,
  refetchInterval: 60_000,
});
