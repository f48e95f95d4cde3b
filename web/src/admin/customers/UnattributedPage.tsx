import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { useState } from 'react';
import type { Column } from '../../components/DataTable.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { PagedTable } from '../../components/PagedTable.tsx';
import { countOf, formatDateTime } from '../../format.ts';
import { eventsQuery } from '../events/api.ts';
import { useAllows } from '../use-allows.ts';
import { AttributeForm } from './AttributeForm.tsx';
import { type Customer, customersQuery } from './api.ts';
import { PAGE_SIZE } from './customer-search.ts';
import { FraudMarks, useNames } from './names.tsx';
import '../../customers/customers.css';

const route = getRouteApi('/admin/shell/unattributed');

export function validateQueueSearch(raw: Record<string, unknown>): { page?: number } {
  const page = Number(raw.page);
  return Number.isInteger(page) && page > 1 ? { page } : {};
}

/**
 * Customers whose events matched no click, coupon code or affiliate, newest first: open one to
 * read why, or attribute it to an affiliate with a reason.
 */
export function UnattributedPage() {
  const { page = 1 } = route.useSearch();
  const navigate = route.useNavigate();
  const write = useAllows('write');
  const list = useQuery(customersQuery({ attributed: false, page, page_size: PAGE_SIZE }));
  const events = useQuery(eventsQuery({ attributed: false, page_size: 1 }));
  const names = useNames([]);
  const [open, setOpen] = useState<Customer | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const columns: Column<Customer>[] = [
    {
      label: 'Customer',
      cell: (c) => (
        <Link to="/admin/customers/$id" params={{ id: String(c.id) }} data-testid="customer-link">
          {c.customer_id}
        </Link>
      ),
    },
    { label: 'Brand', cell: (c) => names.brand(c.brand_id) },
    { label: 'First seen', cell: (c) => formatDateTime(c.first_event_at) },
    { label: 'Last event', cell: (c) => formatDateTime(c.last_event_at) },
    { label: 'Events', cell: (c) => c.event_count },
    { label: 'Country', cell: (c) => c.country ?? '—' },
    { label: 'Fraud', cell: (c) => <FraudMarks flags={c.flags} held={c.held} /> },
    ...(write
      ? [
          {
            label: 'Actions',
            hiddenLabel: true,
            cell: (c: Customer) => (
              <button
                type="button"
                className="button-secondary"
                aria-label={`Attribute ${c.customer_id}`}
                onClick={() => {
                  setDone(null);
                  setOpen(c);
                }}
              >
                Attribute
              </button>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <h1>Unattributed queue</h1>
      <p className="muted">
        Customers whose events named no usable click id, coupon code or affiliate. Their events are kept and
        counted; open a customer to read why each hint was not used, or attribute it here.
        {events.data && ` ${countOf(events.data.paging.total, 'event')} waiting in all.`}
      </p>
      {done && (
        <p className="panel notice" role="status">
          {done}
        </p>
      )}
      {open && (
        <AttributeForm
          key={open.id}
          customer={open}
          onCancel={() => setOpen(null)}
          onDone={(_, affiliate) => {
            setOpen(null);
            setDone(`Customer ${open.customer_id} now belongs to ${affiliate.name}.`);
          }}
        />
      )}
      <PagedTable
        label="Unattributed customers"
        list={list}
        columns={columns}
        unit="customer"
        onPage={(next) => navigate({ search: next > 1 ? { page: next } : {} })}
        empty={
          <EmptyState
            title="Nothing to attribute."
            action={
              <Link to="/admin/events" className="button-link button-secondary">
                Open the events log
              </Link>
            }
          >
            Every customer belongs to an affiliate. An event that matches no click, coupon code or affiliate
            puts its customer here.
          </EmptyState>
        }
      />
    </>
  );
}
