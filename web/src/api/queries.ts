import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from './client.ts';

/** Shared query definitions, so every page reads the same cache entry for the same call. */

export const healthQuery = queryOptions({
  queryKey: ['healthz'],
  queryFn: () => unwrap(api.GET('/healthz')),
});

export const readinessQuery = queryOptions({
  queryKey: ['readyz'],
  // 503 still carries the readiness report (what is wrong), which is exactly what we want to show.
  queryFn: async () => {
    const { data, error } = await api.GET('/readyz');
    const report = data ?? error;
    if (!report) throw new Error('the server did not report its readiness');
    return report;
  },
  refetchInterval: 30_000,
});

export const meQuery = queryOptions({
  queryKey: ['auth', 'me'],
  queryFn: () => unwrap(api.GET('/api/v1/auth/me')),
  staleTime: 60_000,
});

export const setupStatusQuery = queryOptions({
  queryKey: ['setup'],
  queryFn: () => unwrap(api.GET('/api/v1/setup')),
});

export function apiKeysQuery(includeRevoked: boolean) {
  return queryOptions({
    queryKey: ['api-keys', { includeRevoked }],
    queryFn: () =>
      unwrap(api.GET('/api/v1/api-keys', { params: { query: { include_revoked: includeRevoked } } })),
  });
}
