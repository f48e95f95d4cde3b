import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import type { Column } from '../../components/DataTable.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { NoMatch, PagedTable } from '../../components/PagedTable.tsx';
import type { Money } from '../../customers/money.ts';
import { formatDateTime, humanize } from '../../format.ts';
import { type Customer, customersQuery, useMoney } from './api.ts';
import { CustomerFilters } from './CustomerFilters.tsx';
import { type CustomerSearch, isFiltered, toCustomerQuery } from './customer-search.ts';
import { FraudMarks, type Names, Owner, useNames } from './names.tsx';
import '../../customers/customers.css';

const route = getRouteApi('/admin/shell/customers');

function columns(names: Names, money: Money): Column<Customer>[] {
  return [
    {
      label: 'Customer',
      cell: (c) => (
        <Link
          to="/admin/customers/$id"
          params={{ id: String(c.id) }}
          className="id-cell"
          data-testid="customer-link"
        >
          {c.customer_id}
        </Link>
      ),
    },
    { label: 'Brand', cell: (c) => names.brand(c.brand_id) },
    { label: 'Affiliate', cell: (c) => <Owner id={c.affiliate_id} names={names} /> },
    { label: 'Attributed by', cell: (c) => (c.attribution_method ? humanize(c.attribution_method) : '—') },
    { label: 'Country', cell: (c) => c.country ?? '—' },
    { label: 'Registered', cell: (c) => <span className="nowrap">{formatDateTime(c.registered_at)}</span> },
    {
      label: 'First deposit',
      cell: (c) =>
        c.ftd_amount !== null && c.ftd_currency ? (
          <>
            {money(c.ftd_amount, c.ftd_currency)} <span className="muted">{formatDateTime(c.ftd_at)}</span>
          </>
        ) : (
          '—'
        ),
    },
    {
      label: 'Net deposits',
      cell: (c) =>
        c.totals.length
          ? c.totals.map((t) => (
              <div key={t.currency} className="nowrap">
                {money(t.net_deposits, t.currency)}
              </div>
            ))
          : '—',
    },
    { label: 'Events', cell: (c) => c.event_count },
    { label: 'Fraud', cell: (c) => <FraudMarks flags={c.flags} held={c.held} /> },
  ];
}

/** Every customer (player) your platform has told us about, newest first, with filters. */
export function CustomersPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const list = useQuery(customersQuery(toCustomerQuery(search)));
  const rows = list.data?.data ?? [];
  const names = useNames(rows.map((c) => c.affiliate_id));
  const money = useMoney();
  const apply = (next: CustomerSearch) => navigate({ search: next });
  const filtered = isFiltered(search);

  return (
    <>
      <div className="page-heading">
        <h1>Customers</h1>
        <Link to="/admin/unattributed" className="button-link button-secondary">
          Unattributed queue
        </Link>
      </div>
      <p className="muted">
        A customer is created by the first event your platform sends about them, and belongs to the affiliate
        its attribution found.
      </p>
      <CustomerFilters search={search} onApply={apply} />
      <PagedTable
        label="Customers"
        list={list}
        columns={columns(names, money)}
        unit="customer"
        onPage={(page) => apply({ ...search, page })}
        empty={
          filtered ? (
            <NoMatch title="No customers match these filters." onClear={() => apply({})}>
              Remove a filter or search for another id.
            </NoMatch>
          ) : (
            <EmptyState
              title="No customers yet."
              action={
                <a href="/docs" className="button-link">
                  Open the API docs
                </a>
              }
            >
              Customers arrive with their first event: your platform sends registrations, deposits and the
              rest to POST /api/v1/events with an API key of the events scope.
            </EmptyState>
          )
        }
      />
    </>
  );
}
