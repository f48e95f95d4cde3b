import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import type { components, paths } from '../../api/schema.d.ts';
import type { Json } from '../../api/types.ts';
import type { ClickQuery } from './click-search.ts';

export type ClickLogEntry = components['schemas']['ClickLogEntry'];
export type ClickDetail = Json<paths['/api/v1/clicks/{id}']['get']['responses'][200]>;

export function clickLogQuery(query: ClickQuery) {
  return queryOptions({
    queryKey: ['clicks', 'log', query],
    queryFn: () => unwrap(api.GET('/api/v1/clicks', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function clickQuery(id: string) {
  return queryOptions({
    queryKey: ['clicks', id],
    queryFn: () => unwrap(api.GET('/api/v1/clicks/{id}', { params: { path: { id } } })),
    // A click never changes once written.
    staleTime: Number.POSITIVE_INFINITY,
  });
}
