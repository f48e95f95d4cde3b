import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import type { Column } from '../../components/DataTable.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { NoMatch, PagedTable } from '../../components/PagedTable.tsx';
import type { Money } from '../../customers/money.ts';
import { formatDateTime, sentenceCase } from '../../format.ts';
import { useMoney } from '../customers/api.ts';
import { FraudMarks, type Names, Owner, useNames } from '../customers/names.tsx';
import { useAllows } from '../use-allows.ts';
import { type EventEntry, eventsQuery } from './api.ts';
import { EventFilters } from './EventFilters.tsx';
import { EventWhat } from './EventWhat.tsx';
import { type EventSearch, isFiltered, toEventQuery } from './event-search.ts';
import '../../customers/customers.css';

const route = getRouteApi('/admin/shell/events');

const HOUR_MS = 3_600_000;
/** How long after it happened an event reached us, when that is an hour or more. */
function lateness(e: EventEntry): string | null {
  const ms = Date.parse(e.received_at) - Date.parse(e.occurred_at);
  if (ms < HOUR_MS) return null;
  return ms < 48 * HOUR_MS
    ? `${Math.round(ms / HOUR_MS)} h late`
    : `${Math.round(ms / (24 * HOUR_MS))} days late`;
}

function columns(names: Names, money: Money): Column<EventEntry>[] {
  return [
    { label: 'Happened', cell: (e) => <span className="nowrap">{formatDateTime(e.occurred_at)}</span> },
    { label: 'Type', cell: (e) => sentenceCase(e.type) },
    {
      label: 'Customer',
      cell: (e) => (
        <Link
          to="/admin/customers/$id"
          params={{ id: String(e.customer_ref) }}
          className="id-cell"
          data-testid="event-customer-link"
        >
          {e.customer_id}
        </Link>
      ),
    },
    { label: 'What', cell: (e) => <EventWhat event={e} money={money} /> },
    {
      label: 'Received',
      cell: (e) => (
        <>
          <span className="nowrap">{formatDateTime(e.received_at)}</span>
          {lateness(e) && <div className="muted">{lateness(e)}</div>}
        </>
      ),
    },
    {
      label: 'Attribution',
      cell: (e) => (
        <>
          <Owner id={e.attribution.affiliate_id} names={names} />
          <span className="summary-cell muted">{e.attribution.summary}</span>
        </>
      ),
    },
    { label: 'Brand', cell: (e) => names.brand(e.brand_id) },
    { label: 'Fraud', cell: (e) => <FraudMarks flags={e.flags} held={e.held} /> },
  ];
}

/** Every event your platform sent, newest arrival first, with when it happened and when it came. */
export function EventsLogPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const log = useQuery(eventsQuery(toEventQuery(search)));
  const rows = log.data?.data ?? [];
  const names = useNames(rows.map((e) => e.attribution.affiliate_id));
  const money = useMoney();
  const apply = (next: EventSearch) => navigate({ search: next });
  const filtered = isFiltered(search);
  const admin = useAllows('admin');

  return (
    <>
      <h1>Events log</h1>
      <p className="muted">
        Registrations, deposits, activity and the other events your platform sends, newest arrival first. An
        event that arrives late is attributed by when it happened.
      </p>
      {search.customer && (
        <p className="notice panel">
          Showing the events of one customer.{' '}
          <Link to="/admin/customers/$id" params={{ id: String(search.customer) }}>
            Open the customer
          </Link>
        </p>
      )}
      <EventFilters search={search} onApply={apply} />
      <PagedTable
        label="Events"
        list={log}
        columns={columns(names, money)}
        unit="event"
        onPage={(page) => apply({ ...search, page })}
        empty={
          filtered ? (
            <NoMatch title="No events match these filters." onClear={() => apply({})}>
              Widen the time range or remove a filter.
            </NoMatch>
          ) : (
            <EmptyState
              title="No events yet."
              action={
                <>
                  <a href="/docs" className="button-link">
                    Open the API docs
                  </a>
                  {admin && (
                    <Link to="/admin/api-keys" className="button-link button-secondary">
                      Create an API key
                    </Link>
                  )}
                </>
              }
            >
              Your platform sends them to POST /api/v1/events with an API key of the events scope: one event
              or a batch of up to 1,000.
            </EmptyState>
          )
        }
      />
    </>
  );
}
