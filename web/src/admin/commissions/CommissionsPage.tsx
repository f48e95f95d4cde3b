import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import type { Column } from '../../components/DataTable.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { NoMatch, PagedTable } from '../../components/PagedTable.tsx';
import { formatDateTime, sentenceCase } from '../../format.ts';
import { useMoney } from '../customers/api.ts';
import { type Commission, commissionsQuery } from './api.ts';
import { CommissionFilters } from './CommissionFilters.tsx';
import { CommissionTrace } from './CommissionTrace.tsx';
import { type CommissionSearch, isFiltered, toCommissionQuery } from './commission-search.ts';
import './commissions.css';

const route = getRouteApi('/admin/shell/commissions');

/** What affiliates earned, newest first, each with its trace on demand and its status actions. */
export function CommissionsPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const list = useQuery(commissionsQuery(toCommissionQuery(search)));
  const money = useMoney();
  const apply = (next: CommissionSearch) => navigate({ search: next });
  const columns: Column<Commission>[] = [
    { label: 'Earned', cell: (c) => <span className="nowrap">{formatDateTime(c.earned_at)}</span> },
    { label: 'Affiliate', cell: (c) => c.affiliate_id },
    { label: 'Kind', cell: (c) => sentenceCase(c.kind) },
    { label: 'Amount', cell: (c) => <span className="nowrap">{money(c.amount, c.currency)}</span> },
    { label: 'Status', cell: (c) => sentenceCase(c.status) },
    { label: 'Explanation', cell: (c) => <span className="summary-cell">{c.explanation}</span> },
    {
      label: 'Trace',
      hiddenLabel: true,
      cell: (c) => (
        <button
          type="button"
          className="button-secondary"
          aria-label={`Trace of commission ${c.id}`}
          onClick={() => apply({ ...search, open: c.id })}
        >
          Trace
        </button>
      ),
    },
  ];
  return (
    <>
      <h1>Commissions</h1>
      <p className="muted">
        One line per thing earned, never edited: a claw-back is its own negative line. Open a line’s trace to
        see the events and amounts, the rule, tier and formula that made it, and its status history.{' '}
        <Link to="/admin/commission-backtest">Backtest a plan</Link> to see what another deal would have paid.
      </p>
      <CommissionFilters search={search} onApply={(next) => apply({ ...next, open: undefined })} />
      {search.open !== undefined && (
        <CommissionTrace id={search.open} onClose={() => apply({ ...search, open: undefined })} />
      )}
      <PagedTable
        label="Commissions"
        list={list}
        columns={columns}
        unit="commission"
        onPage={(page) => apply({ ...search, page })}
        empty={
          isFiltered(search) ? (
            <NoMatch title="No commissions match these filters." onClear={() => apply({})}>
              Widen the dates or remove a filter.
            </NoMatch>
          ) : (
            <EmptyState title="No commissions yet.">
              Commissions appear as events arrive for customers of affiliates with a plan.
            </EmptyState>
          )
        }
      />
    </>
  );
}
