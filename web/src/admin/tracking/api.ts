import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import { membersOf } from '../../api/enums.ts';
import type { components, paths } from '../../api/schema.d.ts';
import type { Json } from '../../api/types.ts';
import type { Option } from '../../components/SelectField.tsx';

/** Aliases of the generated types the tracking screens use, so they follow the server's schema. */
export type Brand = components['schemas']['Brand'];
export type DestinationLink = components['schemas']['DestinationLink'];
export type Media = components['schemas']['Media'];
export type BrandBody = Json<NonNullable<paths['/api/v1/brands']['post']['requestBody']>>;
export type LinkBody = Json<NonNullable<paths['/api/v1/destination-links']['post']['requestBody']>>;
export type UploadForm = NonNullable<
  paths['/api/v1/media']['post']['requestBody']
>['content']['multipart/form-data'];
export type MediaPatch = Json<NonNullable<paths['/api/v1/media/{id}']['patch']['requestBody']>>;
export type LinkQuery = NonNullable<paths['/api/v1/destination-links']['get']['parameters']['query']>;
export type MediaQuery = NonNullable<paths['/api/v1/media']['get']['parameters']['query']>;
export type Placeholders = Json<paths['/api/v1/tracking/placeholders']['get']['responses'][200]>;
export type LinkType = DestinationLink['link_type'];
export type Audience = DestinationLink['audience'];
export type MediaFormat = Media['format'];
export type Orientation = NonNullable<Media['orientation']>;

// The server's enums as lists; membersOf keeps each one in step with the generated types.
export const LINK_TYPES = membersOf<LinkType>({
  home_page: true,
  landing_page: true,
  registration: true,
  promotion: true,
  game: true,
  other: true,
});
export const AUDIENCES = membersOf<Audience>({ players: true, sub_affiliates: true });
export const MEDIA_FORMATS = membersOf<MediaFormat>({
  png: true,
  jpg: true,
  gif: true,
  webp: true,
  svg: true,
});
export const ORIENTATIONS = membersOf<Orientation>({ horizontal: true, vertical: true, square: true });

export const brandsQuery = queryOptions({
  queryKey: ['brands'],
  queryFn: () => unwrap(api.GET('/api/v1/brands')),
});

/** The brands as select options, for the link and banner forms and filters. */
export function useBrandOptions(): Option[] {
  const brands = useQuery(brandsQuery);
  return (brands.data?.data ?? []).map((b) => ({ value: String(b.id), label: b.name }));
}

export function brandQuery(id: number) {
  return queryOptions({
    queryKey: ['brands', id],
    queryFn: () => unwrap(api.GET('/api/v1/brands/{id}', { params: { path: { id } } })),
  });
}

/** The placeholders a click fills, as the server defines them; they change only with a release. */
export const placeholdersQuery = queryOptions({
  queryKey: ['tracking', 'placeholders'],
  queryFn: () => unwrap(api.GET('/api/v1/tracking/placeholders')),
  staleTime: Number.POSITIVE_INFINITY,
});

export function linksQuery(query: LinkQuery) {
  return queryOptions({
    queryKey: ['destination-links', 'list', query],
    queryFn: () => unwrap(api.GET('/api/v1/destination-links', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function linkQuery(id: number) {
  return queryOptions({
    queryKey: ['destination-links', id],
    queryFn: () => unwrap(api.GET('/api/v1/destination-links/{id}', { params: { path: { id } } })),
  });
}

export function mediaListQuery(query: MediaQuery) {
  return queryOptions({
    queryKey: ['media', 'list', query],
    queryFn: () => unwrap(api.GET('/api/v1/media', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

export function mediaQuery(id: number) {
  return queryOptions({
    queryKey: ['media', id],
    queryFn: () => unwrap(api.GET('/api/v1/media/{id}', { params: { path: { id } } })),
  });
}

/** The affiliate picker's suggestions: the search API matches names, companies, emails and ids. */
export function affiliateSearchQuery(q: string) {
  return queryOptions({
    queryKey: ['affiliates', 'picker', q],
    queryFn: () =>
      unwrap(api.GET('/api/v1/affiliates', { params: { query: { q, page_size: 10, sort: 'name' } } })),
    enabled: q.trim().length > 0,
    placeholderData: keepPreviousData,
  });
}

/** How many ids one affiliate search takes (the server answers 422 beyond). */
const IDS_PER_SEARCH = 100;

/**
 * The chosen affiliates' names for the picker's chips: one search call per 100 of them, cached
 * apart from the full profiles the affiliate screens load. One the search does not return (e.g.
 * not visible to a manager limited to their own affiliates) has no name and shows as its id.
 */
export function affiliateNamesQuery(ids: readonly number[]) {
  const chosen = [...new Set(ids)].sort((a, b) => a - b);
  return queryOptions({
    queryKey: ['affiliates', 'picker', 'names', chosen],
    queryFn: async () => {
      const batches = [];
      for (let i = 0; i < chosen.length; i += IDS_PER_SEARCH)
        batches.push(chosen.slice(i, i + IDS_PER_SEARCH));
      const pages = await Promise.all(
        batches.map((id) =>
          unwrap(api.GET('/api/v1/affiliates', { params: { query: { id, page_size: id.length } } })),
        ),
      );
      return Object.fromEntries(pages.flatMap((page) => page.data.map((a) => [a.id, a.name])));
    },
    enabled: chosen.length > 0,
    // Adding or removing one keeps the names already shown while the new list loads.
    placeholderData: keepPreviousData,
    staleTime: 5 * 60_000,
  });
}
