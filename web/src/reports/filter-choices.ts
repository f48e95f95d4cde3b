import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api, unwrap } from '../api/client.ts';
import type { PickerOption } from '../components/Picker.tsx';
import type { Audience } from './api.ts';

/** The report filters chosen by name from a list of what the reader may see. */
export type IdFilter = 'brand' | 'campaign' | 'promo' | 'affiliate' | 'plan' | 'traffic_source' | 'landing';

interface ChoiceSource {
  /** One page of choices; with `searched`, `q` (what was typed) narrows it on the server. */
  list(q: string, context: ChoiceContext): Promise<PickerOption[]>;
  /** Whether `list` searches on the server; otherwise it loads the whole (short) list once. */
  searched: boolean;
  /** The names of chosen ids the current page does not hold (a link opened, another search's). */
  named?(ids: number[]): Promise<PickerOption[]>;
}

/** What narrows one picker by another: an affiliate's promos are those of its chosen campaigns. */
export interface ChoiceContext {
  campaigns: number[];
}

const PAGE = 50;
const named = (id: number, name: string): PickerOption => ({ value: String(id), label: name });
const promoName = (p: { id: number; title: string; code: string }) =>
  named(p.id, p.title ? `${p.title} (${p.code})` : p.code);
// One read per chosen id: chosen filters are few, and one gone (deleted, out of scope) just stays a number.
const each = async <T>(ids: number[], read: (id: number) => Promise<T>) =>
  (await Promise.allSettled(ids.map(read))).flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
const path = (id: number) => ({ params: { path: { id } } });

const operator: Record<IdFilter, ChoiceSource> = {
  brand: {
    searched: false,
    list: async () => (await unwrap(api.GET('/api/v1/brands'))).data.map((b) => named(b.id, b.name)),
  },
  campaign: {
    searched: true,
    list: async (q) =>
      (
        await unwrap(
          api.GET('/api/v1/campaigns', {
            params: { query: { tab: 'all', name: q || undefined, page_size: PAGE } },
          }),
        )
      ).data.map((c) => named(c.id, c.name)),
    named: (ids) =>
      each(ids, async (id) => {
        const c = await unwrap(api.GET('/api/v1/campaigns/{id}', path(id)));
        return named(c.id, c.name);
      }),
  },
  promo: {
    searched: true,
    list: async (q, { campaigns }) => {
      const query = { q: q || undefined, page_size: PAGE };
      // Narrowed to the chosen campaigns' promos when there are a few (one call each).
      const pages =
        campaigns.length > 0 && campaigns.length <= 5
          ? await Promise.all(
              campaigns.map((campaign_id) =>
                unwrap(api.GET('/api/v1/promos', { params: { query: { ...query, campaign_id } } })),
              ),
            )
          : [await unwrap(api.GET('/api/v1/promos', { params: { query } }))];
      return pages.flatMap((p) => p.data.map(promoName));
    },
    named: (ids) =>
      each(ids, async (id) => promoName(await unwrap(api.GET('/api/v1/promos/{id}', path(id))))),
  },
  affiliate: {
    searched: true,
    list: async (q) =>
      (
        await unwrap(
          api.GET('/api/v1/affiliates', {
            params: { query: { q: q || undefined, page_size: PAGE, sort: 'name' } },
          }),
        )
      ).data.map((a) => named(a.id, `${a.name} #${a.id}`)),
    named: async (id) =>
      id.length === 0
        ? []
        : (
            await unwrap(api.GET('/api/v1/affiliates', { params: { query: { id, page_size: id.length } } }))
          ).data.map((a) => named(a.id, `${a.name} #${a.id}`)),
  },
  plan: {
    searched: true,
    list: async (q) =>
      (
        await unwrap(
          api.GET('/api/v1/commission-plans', { params: { query: { q: q || undefined, page_size: PAGE } } }),
        )
      ).data.map((p) => named(p.id, p.name)),
    named: (ids) =>
      each(ids, async (id) => {
        const p = await unwrap(api.GET('/api/v1/commission-plans/{id}', path(id)));
        return named(p.id, p.name);
      }),
  },
  traffic_source: {
    searched: false,
    list: async () => (await unwrap(api.GET('/api/v1/traffic-sources'))).data.map((s) => named(s.id, s.name)),
  },
  landing: {
    searched: true,
    list: async (q) =>
      (
        await unwrap(api.GET('/api/v1/destination-links', { params: { query: { q: q || undefined } } }))
      ).data.map((l) => named(l.id, l.name)),
    named: (ids) =>
      each(ids, async (id) => {
        const l = await unwrap(api.GET('/api/v1/destination-links/{id}', path(id)));
        return named(l.id, l.name);
      }),
  },
};

// The portal's lists are the affiliate's own (its campaigns, their promos, its plans, the
// landings and brands it may use), so a partner never sees another affiliate's names.
const partner: Record<Exclude<IdFilter, 'affiliate'>, ChoiceSource> = {
  brand: {
    searched: false,
    list: async () => (await unwrap(api.GET('/api/partner/v1/brands'))).data.map((b) => named(b.id, b.name)),
  },
  campaign: {
    searched: true,
    list: async (q) =>
      (
        await unwrap(
          api.GET('/api/partner/v1/campaigns', {
            params: { query: { tab: 'all', name: q || undefined, page_size: PAGE } },
          }),
        )
      ).data.map((c) => named(c.id, c.name)),
    named: (ids) =>
      each(ids, async (id) => {
        const c = await unwrap(api.GET('/api/partner/v1/campaigns/{id}', path(id)));
        return named(c.id, c.name);
      }),
  },
  promo: {
    // The portal lists promos per campaign: those of the chosen campaigns, else of the newest ones.
    searched: false,
    list: async (_q, { campaigns }) => {
      const ids = campaigns.length
        ? campaigns.slice(0, 10)
        : (
            await unwrap(
              api.GET('/api/partner/v1/campaigns', { params: { query: { tab: 'all', page_size: 10 } } }),
            )
          ).data.map((c) => c.id);
      const pages = await each(ids, (id) =>
        unwrap(api.GET('/api/partner/v1/campaigns/{id}/promos', path(id))),
      );
      return pages.flatMap((p) => p.data.map(promoName));
    },
    named: (ids) =>
      each(ids, async (id) => promoName(await unwrap(api.GET('/api/partner/v1/promos/{id}', path(id))))),
  },
  plan: {
    searched: false,
    list: async () =>
      (await unwrap(api.GET('/api/partner/v1/commission-plans'))).data.map((p) => named(p.id, p.name)),
  },
  traffic_source: {
    searched: false,
    list: async () =>
      (await unwrap(api.GET('/api/partner/v1/traffic-sources'))).data.map((s) => named(s.id, s.name)),
  },
  landing: {
    searched: false,
    list: async () =>
      (await unwrap(api.GET('/api/partner/v1/destination-links'))).data.map((l) => named(l.id, l.name)),
  },
};

const sourceOf = (audience: Audience, filter: IdFilter): ChoiceSource =>
  audience === 'partner' && filter !== 'affiliate' ? partner[filter] : operator[filter];

// The portal's keys start with 'portal' so signing out drops them with the rest.
const root = (audience: Audience) =>
  audience === 'partner' ? ['portal', 'report-choices'] : ['report-choices'];

/**
 * The choices of one id filter for what was typed, and the names of the chosen ids: a long list is
 * searched on the server (page by page as typing pauses), a short one loaded once and matched here.
 */
export function useFilterChoices(
  audience: Audience,
  filter: IdFilter,
  typed: string,
  chosen: readonly string[],
  context: ChoiceContext,
) {
  const source = sourceOf(audience, filter);
  const q = source.searched ? typed : '';
  const narrowed = filter === 'promo' ? context.campaigns : [];
  const found = useQuery({
    queryKey: [...root(audience), filter, q, narrowed],
    queryFn: () => source.list(q, { campaigns: narrowed }),
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  const options = found.data ?? [];
  const missing = chosen.filter((v) => !options.some((o) => o.value === v)).map(Number);
  const names = useQuery({
    queryKey: [...root(audience), filter, 'names', missing],
    queryFn: () => source.named?.(missing) ?? Promise.resolve([]),
    enabled: missing.length > 0 && source.named !== undefined,
    staleTime: 5 * 60_000,
  });
  const nameMap = useMemo(
    () => Object.fromEntries((names.data ?? []).map((o) => [o.value, o.label])),
    [names.data],
  );
  return { options, names: nameMap, searching: found.isFetching };
}
