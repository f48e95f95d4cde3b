import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useState } from 'react';
import { EmptyState } from '../../components/EmptyState.tsx';
import { AffiliateFilters } from './AffiliateFilters.tsx';
import { AffiliateTable } from './AffiliateTable.tsx';
import { affiliatesQuery } from './api.ts';
import { BulkEditPanel } from './BulkEditPanel.tsx';
import { ColumnChooser } from './ColumnChooser.tsx';
import { loadColumns, saveColumns } from './columns.tsx';
import { ListPager } from './ListPager.tsx';
import { type ListSearch, toQuery } from './list-search.ts';

const route = getRouteApi('/admin/shell/affiliates');

/** The search keys that narrow the list (sorting and paging do not). */
const FILTERS = ['q', 'status', 'manager', 'label', 'country', 'frequency', 'payment'] as const;

export function AffiliatesPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const query = toQuery(search);
  const list = useQuery(affiliatesQuery(query));
  const filtered = FILTERS.some((key) => search[key] !== undefined);
  const [columns, setColumns] = useState(loadColumns);
  const [selected, setSelected] = useState<Set<number>>(new Set());
  // The ids the open bulk edit works on; clearing the selection after applying keeps its result shown.
  const [bulkIds, setBulkIds] = useState<number[] | null>(null);

  // Any change of filters starts again at the first page.
  const update = (next: Partial<ListSearch>, keepPage = false) =>
    navigate({ search: (prev) => ({ ...prev, ...next, ...(keepPage ? {} : { page: undefined }) }) });

  function select(ids: number[], on: boolean) {
    setSelected((current) => {
      const next = new Set(current);
      for (const id of ids) on ? next.add(id) : next.delete(id);
      return next;
    });
  }

  return (
    <>
      <div className="page-heading">
        <h1>Affiliates</h1>
        <Link to="/admin/affiliates/new" className="button-link">
          New affiliate
        </Link>
      </div>
      <AffiliateFilters search={search} onChange={update} />
      <section className="panel">
        <div className="panel-heading toolbar">
          <div className="actions">
            <button type="button" disabled={selected.size === 0} onClick={() => setBulkIds([...selected])}>
              Bulk edit {selected.size > 0 ? `${selected.size} selected` : ''}
            </button>
            {selected.size > 0 && (
              <button type="button" className="button-secondary" onClick={() => setSelected(new Set())}>
                Clear selection
              </button>
            )}
          </div>
          <ColumnChooser
            visible={columns}
            onChange={(keys) => {
              setColumns(keys);
              saveColumns(keys);
            }}
          />
        </div>
        {bulkIds && (
          <BulkEditPanel
            key={bulkIds.join(',')}
            ids={bulkIds}
            onClose={() => setBulkIds(null)}
            onApplied={() => setSelected(new Set())}
          />
        )}
        {list.isPending && <p className="muted">Loading…</p>}
        {list.isError && <p className="form-summary">{list.error.message}</p>}
        {list.data?.data.length === 0 && filtered && (
          <EmptyState
            title="No affiliates match."
            action={
              <button type="button" className="button-secondary" onClick={() => navigate({ search: {} })}>
                Clear filters
              </button>
            }
          >
            Widen or clear the filters to see more.
          </EmptyState>
        )}
        {list.data?.data.length === 0 && !filtered && (
          <EmptyState
            title="No affiliates yet."
            action={
              <Link to="/admin/affiliates/new" className="button-link">
                Add your first affiliate
              </Link>
            }
          >
            Add one yourself, or send partners to the sign-up page <a href="/portal/signup">/portal/signup</a>
            : their applications wait here for your decision.
          </EmptyState>
        )}
        {list.data && list.data.data.length > 0 && (
          <>
            <AffiliateTable
              rows={list.data.data}
              columns={columns}
              sort={query.sort ?? '-id'}
              onSort={(sort) => update({ sort }, true)}
              selected={selected}
              onSelect={select}
            />
            <ListPager
              page={list.data.paging.page}
              pageSize={list.data.paging.page_size}
              total={list.data.paging.total}
              onPage={(page) => update({ page }, true)}
              onPageSize={(size) => update({ size })}
            />
          </>
        )}
      </section>
    </>
  );
}
