import { queryOptions } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';

export const PAGE_SIZE = 10;

export const newsPageQuery = (page: number) =>
  queryOptions({
    queryKey: ['portal', 'news', page],
    queryFn: () =>
      unwrap(api.GET('/api/partner/v1/news', { params: { query: { page, page_size: PAGE_SIZE } } })),
  });

export const newsItemQuery = (id: number) =>
  queryOptions({
    queryKey: ['portal', 'news', 'item', id],
    queryFn: () => unwrap(api.GET('/api/partner/v1/news/{id}', { params: { path: { id } } })),
  });
