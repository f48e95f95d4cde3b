import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { type Column, DataTable } from '../../components/DataTable.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { formatDateTime } from '../../format.ts';
import { type ClickLogEntry, clickLogQuery } from './api.ts';
import { ClickFilters } from './ClickFilters.tsx';
import { type ClickSearch, isFiltered, toClickQuery } from './click-search.ts';

const route = getRouteApi('/admin/shell/clicks');

const subIds = (c: ClickLogEntry) =>
  [c.sub1, c.sub2, c.sub3, c.sub4, c.sub5]
    .map((v, i) => (v ? `sub${i + 1}=${v}` : null))
    .filter(Boolean)
    .join(' ');

const COLUMNS: Column<ClickLogEntry>[] = [
  {
    label: 'When',
    cell: (c) => (
      <Link to="/admin/clicks/$id" params={{ id: c.id }} data-testid="click-link">
        {formatDateTime(c.clicked_at as string)}
      </Link>
    ),
  },
  {
    label: 'Affiliate',
    cell: (c) => (
      <Link to="/admin/affiliates/$id" params={{ id: String(c.affiliate_id) }}>
        {c.affiliate_name ?? `#${c.affiliate_id}`}
      </Link>
    ),
  },
  {
    label: 'Promo',
    cell: (c) => (
      <>
        {c.promo_title ?? `#${c.promo_id}`} <span className="muted">{c.promo_code}</span>
      </>
    ),
  },
  { label: 'Country', cell: (c) => c.country ?? '—' },
  { label: 'Device', cell: (c) => c.device_type ?? '—' },
  {
    label: 'Visitor',
    cell: (c) => (
      <>
        {c.is_bot && <span className="badge badge-bad">bot</span>}{' '}
        {c.is_unique ? <span className="badge badge-ok">unique</span> : <span className="muted">repeat</span>}
      </>
    ),
  },
  { label: 'Sub-ids', cell: (c) => subIds(c) || '—' },
];

/** Every click, newest first, filtered; a click opens with every field stored for it. */
export function ClickLogPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const log = useQuery(clickLogQuery(toClickQuery(search)));
  const apply = (next: ClickSearch) => navigate({ search: next });
  const rows = log.data?.data ?? [];
  const filtered = isFiltered(search);

  return (
    <>
      <h1>Click log</h1>
      <p className="muted">
        Every click on a tracking link, newest first. Without a time range the log shows the last 7 days; one
        search covers at most 31 days.
      </p>
      <ClickFilters search={search} onApply={apply} />
      <section className="panel" aria-label="Clicks">
        {log.isPending && <p className="muted">Loading…</p>}
        {log.isError && <p className="form-summary">{log.error.message}</p>}
        {log.data && rows.length === 0 && !search.before && (
          <EmptyState
            title={filtered ? 'No clicks match these filters.' : 'No clicks in the last 7 days.'}
            action={
              filtered ? (
                <button type="button" className="button-secondary" onClick={() => apply({})}>
                  Clear filters
                </button>
              ) : (
                <Link to="/admin/destination-links" className="button-link">
                  Destination links
                </Link>
              )
            }
          >
            {filtered
              ? 'Widen the time range or remove a filter.'
              : 'Clicks arrive when visitors follow an affiliate’s tracking link. Affiliates build their links on your destination links in the portal.'}
          </EmptyState>
        )}
        {rows.length > 0 && <DataTable rows={rows} columns={COLUMNS} empty="" />}
        {log.data && (search.before || log.data.next_before) && (
          <nav className="pager" aria-label="Click pages">
            <button
              type="button"
              className="button-secondary"
              disabled={!search.before}
              onClick={() => apply({ ...search, before: undefined })}
            >
              Newest
            </button>
            <button
              type="button"
              className="button-secondary"
              disabled={!log.data.next_before}
              onClick={() => apply({ ...search, before: log.data.next_before ?? undefined })}
            >
              Older
            </button>
          </nav>
        )}
      </section>
    </>
  );
}
