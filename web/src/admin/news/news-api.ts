import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/schema.d.ts';

export type NewsItem = paths['/api/v1/news/{id}']['get']['responses']['200']['content']['application/json'];
export type NewsBody = NonNullable<
  paths['/api/v1/news']['post']['requestBody']
>['content']['application/json'];

export const newsListQuery = queryOptions({
  queryKey: ['news'],
  queryFn: () => unwrap(api.GET('/api/v1/news', { params: { query: { page_size: 200 } } })),
});

export const brandContactsQuery = queryOptions({
  queryKey: ['brand-contacts'],
  queryFn: () => unwrap(api.GET('/api/v1/brand-contacts')),
});
