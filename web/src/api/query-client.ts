import { hashKey, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError, isUnauthenticated } from './client.ts';
import { meQuery } from './queries.ts';

export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    defaultOptions: {
      queries: {
        // A 4xx will not change by asking again; only network trouble and 5xx are worth retrying.
        retry: (failures, error) => failures < 2 && !(error instanceof ApiError && error.status < 500),
        refetchOnWindowFocus: true,
      },
    },
    queryCache: new QueryCache({
      // Any call failing with 401 means the session ended; re-checking /auth/me lets the admin
      // shell notice and send the user to the sign-in page.
      onError: (error, query) => {
        if (isUnauthenticated(error) && query.queryHash !== hashKey(meQuery.queryKey)) {
          void client.invalidateQueries({ queryKey: meQuery.queryKey });
        }
      },
    }),
  });
  return client;
}
