import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { countOf, sentenceCase } from '../format.ts';
import { type Column, DataTable } from './DataTable.tsx';
import { EmptyState } from './EmptyState.tsx';
import { Pager } from './Pager.tsx';

/** A page of a list as the API answers it (`paging.total` counts every match). */
export interface ListPage<T> {
  data: T[];
  paging: { page: number; page_size: number; total: number };
}

interface PagedTableProps<T> {
  /** Names the section for screen readers and tests ("Customers"). */
  label: string;
  list: UseQueryResult<ListPage<T>>;
  columns: readonly Column<T>[];
  /** What an empty page shows instead: an EmptyState saying what to do next. */
  empty: ReactNode;
  /** What a row is, for the count beside the pager: "customer" reads "3 customers". */
  unit: string;
  onPage(page: number): void;
}

/** A paged list in its panel: loading, the error, the empty state, or the rows and their pager. */
export function PagedTable<T extends { id: number | string }>(props: PagedTableProps<T>) {
  const { list } = props;
  return (
    <section className="panel" aria-label={props.label}>
      {list.isPending && <p className="muted">Loading…</p>}
      {list.isError && <p className="form-summary">{list.error.message}</p>}
      {list.data && list.data.data.length === 0 && props.empty}
      {list.data && list.data.data.length > 0 && (
        <>
          <DataTable rows={list.data.data} columns={props.columns} empty="" />
          <Pager
            page={list.data.paging.page}
            pageSize={list.data.paging.page_size}
            total={list.data.paging.total}
            onPage={props.onPage}
            label={`${sentenceCase(props.unit)} pages`}
            status={countOf(list.data.paging.total, props.unit)}
          />
        </>
      )}
    </section>
  );
}

/** The empty state of a filtered list: nothing matches, and the way back to everything. */
export function NoMatch({
  title,
  children,
  onClear,
}: {
  title: string;
  children: ReactNode;
  onClear(): void;
}) {
  return (
    <EmptyState
      title={title}
      action={
        <button type="button" className="button-secondary" onClick={onClear}>
          Clear filters
        </button>
      }
    >
      {children}
    </EmptyState>
  );
}
