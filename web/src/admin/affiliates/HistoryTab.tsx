import { queryOptions, useQueries, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { Pager } from '../../components/Pager.tsx';
import { formatDateTime, sentenceCase } from '../../format.ts';
import { countryListQuery, currencyListQuery, useMinorUnit } from '../../reference/pickers.tsx';
import { affiliateQuery, type HistoryEntry, historyQuery } from './api.ts';
import { fieldLabel, fieldValue, type HistoryNames } from './history-fields.ts';

const LISTS = 60_000;
// Blocked staff too: a change made while they managed the affiliate still names them.
const everyStaffQuery = queryOptions({
  queryKey: ['staff-directory', 'with-blocked'],
  queryFn: () => unwrap(api.GET('/api/v1/staff-directory', { params: { query: { include_blocked: true } } })),
  staleTime: LISTS,
});
const tiersQuery = queryOptions({
  queryKey: ['affiliate-tiers'],
  queryFn: () => unwrap(api.GET('/api/v1/affiliate-tiers')),
  staleTime: LISTS,
});
const trafficSourcesQuery = queryOptions({
  queryKey: ['traffic-sources'],
  queryFn: () => unwrap(api.GET('/api/v1/traffic-sources')),
  staleTime: LISTS,
});
const customTagsQuery = queryOptions({
  queryKey: ['custom-tags'],
  queryFn: () => unwrap(api.GET('/api/v1/custom-tags')),
  staleTime: LISTS,
});

const byId = (rows: readonly { id: number; name: string }[] | undefined) =>
  new Map(rows?.map((r) => [r.id, r.name]));

/** Everything the entries name by id, looked up once: staff, tiers, sources, tags, referrers. */
function useNames(id: number, entries: readonly HistoryEntry[]): HistoryNames {
  const staff = useQuery(everyStaffQuery).data?.data;
  const tiers = useQuery(tiersQuery).data?.data;
  const sources = useQuery(trafficSourcesQuery).data?.data;
  const tags = useQuery(customTagsQuery).data?.data;
  const countries = useQuery(countryListQuery('operator')).data?.data;
  useQuery(currencyListQuery('operator'));
  const currency = useQuery(affiliateQuery(id)).data?.default_currency ?? null;
  const decimals = useMinorUnit(currency);
  const referrerIds = [
    ...new Set(
      entries.flatMap((e) =>
        e.changes
          .filter((c) => c.field === 'referrer_id')
          .flatMap((c) => [c.before, c.after])
          .filter((v): v is number => typeof v === 'number'),
      ),
    ),
  ];
  const referrers = useQueries({ queries: referrerIds.map((r) => ({ ...affiliateQuery(r), retry: false })) });
  return {
    staff: new Map(staff?.map((s) => [s.id, s.name || s.email])),
    tiers: byId(tiers),
    trafficSources: byId(sources),
    affiliates: new Map(referrers.flatMap((r) => (r.data ? [[r.data.id, r.data.name] as const] : []))),
    tags: byId(tags),
    tagValues: new Map(tags?.flatMap((t) => t.values.map((v) => [v.id, v.value] as const))),
    countries: new Map(countries?.map((c) => [c.code, c.name])),
    currency,
    decimals,
  };
}

/** Every change, newest first: who, when, through which door, and each field before and after. */
export function HistoryTab({ id }: { id: number }) {
  const [page, setPage] = useState(1);
  const history = useQuery(historyQuery(id, page));
  const names = useNames(id, history.data?.data ?? []);
  if (history.isPending) return <p className="muted">Loading…</p>;
  if (history.isError) return <p className="form-summary">{history.error.message}</p>;
  const { data, paging } = history.data;
  return (
    <section className="panel" aria-label="History">
      {data.length === 0 && <p className="muted">No changes yet.</p>}
      {data.map((entry) => (
        <article key={entry.id} className="history-entry">
          <p>
            <strong>{formatDateTime(entry.created_at)}</strong> ·{' '}
            {entry.actor.name || sentenceCase(entry.actor.type)} (
            {sentenceCase(entry.actor.type).toLowerCase()}) · {sentenceCase(entry.action)} via{' '}
            {sentenceCase(entry.source).toLowerCase()}
          </p>
          <div className="table-scroll">
            <table className="table compact">
              <thead>
                <tr>
                  <th scope="col">Field</th>
                  <th scope="col">Before</th>
                  <th scope="col">
                    <span className="visually-hidden">Changed to</span>
                  </th>
                  <th scope="col">After</th>
                </tr>
              </thead>
              <tbody>
                {entry.changes.map((c) => (
                  <tr key={c.field}>
                    <th scope="row">{fieldLabel(c.field)}</th>
                    <td>{fieldValue(c.field, c.before, names)}</td>
                    <td aria-hidden="true">→</td>
                    <td>{fieldValue(c.field, c.after, names)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </article>
      ))}
      {paging.total > paging.page_size && (
        <Pager
          page={page}
          pageSize={paging.page_size}
          total={paging.total}
          onPage={setPage}
          label="History pages"
          previousLabel="Newer"
          nextLabel="Older"
        />
      )}
    </section>
  );
}
