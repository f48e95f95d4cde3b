import type { ReactNode } from 'react';

interface PagerProps {
  page: number;
  pageSize: number;
  total: number;
  onPage(page: number): void;
  /** Names the navigation for screen readers. */
  label?: string;
  previousLabel?: string;
  nextLabel?: string;
  /** Shown beside "Page x of y", e.g. the number of rows. */
  status?: ReactNode;
  /** More controls at the end, e.g. a page size select. */
  children?: ReactNode;
}

/** Previous and next page of a paged list (`paging` in the API's answers). */
export function Pager({
  page,
  pageSize,
  total,
  onPage,
  label = 'Pages',
  previousLabel = 'Previous',
  nextLabel = 'Next',
  status,
  children,
}: PagerProps) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  return (
    <nav className="pager" aria-label={label}>
      <button
        type="button"
        className="button-secondary"
        disabled={page <= 1}
        onClick={() => onPage(page - 1)}
      >
        {previousLabel}
      </button>
      <span data-testid="pager-status">
        Page {page} of {pages}
        {status && <> · {status}</>}
      </span>
      <button
        type="button"
        className="button-secondary"
        disabled={page >= pages}
        onClick={() => onPage(page + 1)}
      >
        {nextLabel}
      </button>
      {children}
    </nav>
  );
}
