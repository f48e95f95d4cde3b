import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../api/client.ts';
import type { paths } from '../api/schema.d.ts';
import type { Json } from '../api/types.ts';

/** The reader's own time zone: "today" on every count starts at their midnight. */
export const TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';

export type ClickCounts = Json<paths['/api/v1/click-counts']['get']['responses'][200]>['counts'];
export type OperatorSubject = paths['/api/v1/click-counts/{subject}']['get']['parameters']['path']['subject'];
export type PartnerSubject =
  paths['/api/partner/v1/click-counts/{subject}']['get']['parameters']['path']['subject'];

/** The server takes up to 100 ids a call. */
function inHundreds(ids: number[]): number[][] {
  const out: number[][] = [];
  for (let i = 0; i < ids.length; i += 100) out.push(ids.slice(i, i + 100));
  return out;
}

// Counts move with every click: read again after a minute, and whenever the page regains focus.
const FRESH_FOR = 60_000;

/** The whole platform's counts (a limited manager's affiliates' only). */
export const platformCountsQuery = queryOptions({
  queryKey: ['click-counts', 'platform', TIME_ZONE],
  queryFn: () => unwrap(api.GET('/api/v1/click-counts', { params: { query: { time_zone: TIME_ZONE } } })),
  staleTime: FRESH_FOR,
});

/** The counts of several affiliates, campaigns, promos or destination links, by id. */
export function countsOfQuery(subject: OperatorSubject, ids: readonly number[]) {
  const id = [...new Set(ids)].sort((a, b) => a - b);
  return queryOptions({
    queryKey: ['click-counts', subject, id, TIME_ZONE],
    queryFn: async () => {
      const answers = await Promise.all(
        inHundreds(id).map((some) =>
          unwrap(
            api.GET('/api/v1/click-counts/{subject}', {
              params: { path: { subject }, query: { id: some, time_zone: TIME_ZONE } },
            }),
          ),
        ),
      );
      return new Map(answers.flatMap((answer) => answer.data.map((row) => [row.id, row] as const)));
    },
    enabled: id.length > 0,
    staleTime: FRESH_FOR,
    placeholderData: keepPreviousData,
  });
}

/** The signed-in affiliate's own counts. Keys start with 'portal' so signing out drops them. */
export const myCountsQuery = queryOptions({
  queryKey: ['portal', 'click-counts', 'mine', TIME_ZONE],
  queryFn: () =>
    unwrap(api.GET('/api/partner/v1/click-counts', { params: { query: { time_zone: TIME_ZONE } } })),
  staleTime: FRESH_FOR,
});

/** The counts of several of the affiliate's own campaigns or promos. */
export function myCountsOfQuery(subject: PartnerSubject, ids: readonly number[]) {
  const id = [...new Set(ids)].sort((a, b) => a - b);
  return queryOptions({
    queryKey: ['portal', 'click-counts', subject, id, TIME_ZONE],
    queryFn: async () => {
      const answers = await Promise.all(
        inHundreds(id).map((some) =>
          unwrap(
            api.GET('/api/partner/v1/click-counts/{subject}', {
              params: { path: { subject }, query: { id: some, time_zone: TIME_ZONE } },
            }),
          ),
        ),
      );
      return new Map(answers.flatMap((answer) => answer.data.map((row) => [row.id, row] as const)));
    },
    enabled: id.length > 0,
    staleTime: FRESH_FOR,
    placeholderData: keepPreviousData,
  });
}
