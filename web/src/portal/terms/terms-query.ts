import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';

/** The terms in force and what this affiliate accepted; the layout's banner reads it too. */
export const termsQuery = queryOptions({
  queryKey: ['portal', 'terms'],
  queryFn: () => unwrap(api.GET('/api/partner/v1/terms')),
  staleTime: 60_000,
});
