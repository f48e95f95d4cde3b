import { keepPreviousData, queryOptions } from '@tanstack/react-query';
import { ApiError, api, unwrap } from '../api/client.ts';
import type { paths } from '../api/schema.d.ts';
import type { Json } from '../api/types.ts';
import { METRIC_NAMES, type Metric, type ReportQuery, type ReportResult } from './catalog.ts';
import type { ReportSource } from './report-search.ts';

/** Whose API a report screen calls: the back office's (every affiliate) or the portal's (mine). */
export type Audience = 'operator' | 'partner';

export type Favorite = Json<paths['/api/v1/reports/favorites']['get']['responses'][200]>['data'][number];
export type FavoriteBody =
  paths['/api/v1/reports/favorites']['post']['requestBody']['content']['application/json'];
export type ExportFormat = NonNullable<
  paths['/api/v1/reports/performance/export']['post']['parameters']['query']
>['format'];

// The portal's keys start with 'portal' so signing out drops them with the rest.
const root = (audience: Audience) => (audience === 'partner' ? ['portal', 'reports'] : ['reports']);

/** The operator may ask one store (ClickHouse configured); without it the server decides. */
export function runReport(
  audience: Audience,
  body: ReportQuery,
  source?: ReportSource,
): Promise<ReportResult> {
  return audience === 'partner'
    ? unwrap(api.POST('/api/partner/v1/reports/performance', { body }))
    : unwrap(
        api.POST('/api/v1/reports/performance', {
          body,
          ...(source ? { params: { query: { source } } } : {}),
        }),
      );
}

export const reportQuery = (audience: Audience, body: ReportQuery, source?: ReportSource) =>
  queryOptions({
    queryKey: [...root(audience), 'performance', body, source ?? 'auto'],
    queryFn: () => runReport(audience, body, source),
    placeholderData: keepPreviousData,
    retry: false,
  });

/**
 * The metrics the reader may ask for, in order. Staff see every one; an affiliate the ones the
 * operator opened to it (GET /reports/columns), so the portal never builds a report the API
 * would refuse.
 */
export const allowedMetricsQuery = (audience: Audience) =>
  queryOptions({
    queryKey: [...root(audience), 'allowed-metrics'],
    staleTime: 5 * 60_000,
    queryFn: async (): Promise<Metric[]> => {
      if (audience === 'operator') return METRIC_NAMES;
      const { data } = await unwrap(api.GET('/api/partner/v1/reports/columns'));
      const open = new Set(data.map((c) => c.name));
      return METRIC_NAMES.filter((m) => open.has(m));
    },
  });

/** Downloads a report file from the export endpoint under the name the server gives it. */
export async function downloadExport(audience: Audience, body: ReportQuery, format: ExportFormat) {
  const options = { params: { query: { format } }, body, parseAs: 'blob' as const };
  const answer =
    audience === 'partner'
      ? await api.POST('/api/partner/v1/reports/performance/export', options)
      : await api.POST('/api/v1/reports/performance/export', options);
  await saveBlob(answer, `report.${format}`);
}

/** Saves an export's answer as a file, under the name the server gives it (else `fallback`). */
export async function saveBlob(
  answer: { data?: unknown; error?: unknown; response: Response },
  fallback: string,
) {
  const { data, error, response } = answer;
  if (!response.ok || !data) throw new ApiError(response.status, (error as never) ?? null);
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1];
  const link = document.createElement('a');
  link.href = URL.createObjectURL(data as Blob);
  link.download = name ?? fallback;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 10_000);
}

export const favoritesQuery = (audience: Audience) =>
  queryOptions({
    queryKey: [...root(audience), 'favorites'],
    queryFn: () =>
      audience === 'partner'
        ? unwrap(api.GET('/api/partner/v1/reports/favorites', { params: { query: { page_size: 100 } } }))
        : unwrap(api.GET('/api/v1/reports/favorites', { params: { query: { page_size: 100 } } })),
  });

export const favoritesKey = (audience: Audience) => favoritesQuery(audience).queryKey;

export function saveFavorite(audience: Audience, body: FavoriteBody) {
  return audience === 'partner'
    ? unwrap(api.POST('/api/partner/v1/reports/favorites', { body }))
    : unwrap(api.POST('/api/v1/reports/favorites', { body }));
}

export function deleteFavorite(audience: Audience, id: number) {
  const params = { path: { id } };
  return audience === 'partner'
    ? unwrap(api.DELETE('/api/partner/v1/reports/favorites/{id}', { params }))
    : unwrap(api.DELETE('/api/v1/reports/favorites/{id}', { params }));
}
