import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../api/client.ts';

/**
 * The affiliate program's name, terms link and brands: public, read by the sign-in and sign-up
 * pages and the portal's header. Not under 'portal', so signing out keeps it.
 */
export const programQuery = queryOptions({
  queryKey: ['program'],
  queryFn: () => unwrap(api.GET('/api/partner/v1/program')),
  staleTime: 5 * 60_000,
});

/** The traffic sources the operator offers (archived ones left out), for sign-up and promos. */
export const trafficSourcesQuery = queryOptions({
  queryKey: ['program', 'traffic-sources'],
  queryFn: () => unwrap(api.GET('/api/partner/v1/traffic-sources')),
  staleTime: 5 * 60_000,
});
