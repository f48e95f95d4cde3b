import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../api/client.ts';

/**
 * How many applications wait for a decision (affiliates in status pending), for the badge in the
 * navigation. Its key starts with 'affiliates', so approving or declining one refreshes it.
 */
export const pendingApplicationsQuery = queryOptions({
  queryKey: ['affiliates', 'pending-count'],
  queryFn: async () => {
    const answer = await unwrap(
      api.GET('/api/v1/affiliates', { params: { query: { status: ['pending'], page_size: 1 } } }),
    );
    return answer.paging.total;
  },
  refetchInterval: 60_000,
});
