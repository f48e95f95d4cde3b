import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../api/client.ts';

/** The partner API's shared queries; every key starts with 'portal' so signing out drops them all. */

export const partnerMeQuery = queryOptions({
  queryKey: ['portal', 'me'],
  queryFn: () => unwrap(api.GET('/api/partner/v1/auth/me')),
  staleTime: 60_000,
});

export const profileQuery = queryOptions({
  queryKey: ['portal', 'profile'],
  queryFn: () => unwrap(api.GET('/api/partner/v1/profile')),
});

export const twoFactorQuery = queryOptions({
  queryKey: ['portal', 'two-factor'],
  queryFn: () => unwrap(api.GET('/api/partner/v1/two-factor')),
});

export const sessionsQuery = queryOptions({
  queryKey: ['portal', 'sessions'],
  queryFn: () => unwrap(api.GET('/api/partner/v1/sessions')),
});

export const teamQuery = queryOptions({
  queryKey: ['portal', 'team'],
  queryFn: () => unwrap(api.GET('/api/partner/v1/users')),
});

export function memberSessionsQuery(userId: number) {
  return queryOptions({
    queryKey: ['portal', 'team', userId, 'sessions'],
    queryFn: () =>
      unwrap(api.GET('/api/partner/v1/users/{id}/sessions', { params: { path: { id: userId } } })),
  });
}

export const eventsQuery = queryOptions({
  queryKey: ['portal', 'events'],
  queryFn: () => unwrap(api.GET('/api/partner/v1/events', { params: { query: { limit: 100 } } })),
});
