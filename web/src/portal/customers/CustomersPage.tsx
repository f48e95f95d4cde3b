import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import type { paths } from '../../api/schema.d.ts';
import type { Json } from '../../api/types.ts';
import type { Column } from '../../components/DataTable.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { NoMatch, PagedTable } from '../../components/PagedTable.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { formatMoney } from '../../customers/money.ts';
import { formatDateTime } from '../../format.ts';
import { campaignsQuery, portalBrandsQuery } from '../campaigns/queries.ts';
import '../../customers/customers.css';

type Query = NonNullable<paths['/api/partner/v1/customers']['get']['parameters']['query']>;
type Customer = Json<paths['/api/partner/v1/customers']['get']['responses'][200]>['data'][number];

const PAGE_SIZE = 50;

const customersQuery = (query: Query) =>
  queryOptions({
    queryKey: ['portal', 'customers', query],
    queryFn: () => unwrap(api.GET('/api/partner/v1/customers', { params: { query } })),
    placeholderData: keepPreviousData,
  });

const subIds = (c: Customer) =>
  [c.sub1, c.sub2, c.sub3, c.sub4, c.sub5]
    .map((v, i) => (v ? `sub${i + 1}=${v}` : null))
    .filter(Boolean)
    .join(' ');

/** The players the operator attributed to you: who registered, who deposited, from which link. */
export function CustomersPage() {
  const [brand, setBrand] = useState('');
  const [ftd, setFtd] = useState('');
  const [page, setPage] = useState(1);
  const brands = useQuery(portalBrandsQuery).data?.data ?? [];
  const campaigns = useQuery(campaignsQuery('all')).data?.data ?? [];
  const list = useQuery(
    customersQuery({
      brand_id: brand ? Number(brand) : undefined,
      has_ftd: ftd ? ftd === 'yes' : undefined,
      page,
      page_size: PAGE_SIZE,
    }),
  );
  const filtered = brand !== '' || ftd !== '';
  const brandName = (id: number) => brands.find((b) => b.id === id)?.name ?? `Brand #${id}`;
  const campaignName = (id: number | null) =>
    id === null ? '—' : (campaigns.find((c) => c.id === id)?.name ?? `Campaign #${id}`);

  const columns: Column<Customer>[] = [
    { label: 'Customer', cell: (c) => <code data-testid="portal-customer-id">{c.customer_id}</code> },
    { label: 'Brand', cell: (c) => brandName(c.brand_id) },
    { label: 'Campaign', cell: (c) => campaignName(c.campaign_id) },
    { label: 'Registered', cell: (c) => formatDateTime(c.registered_at ?? c.first_event_at) },
    {
      label: 'First deposit',
      cell: (c) =>
        c.ftd_amount !== null && c.ftd_currency ? (
          <>
            {formatMoney(c.ftd_amount, c.ftd_currency)}{' '}
            <span className="muted">{formatDateTime(c.ftd_at)}</span>
          </>
        ) : (
          <span className="muted">not yet</span>
        ),
    },
    { label: 'Country', cell: (c) => c.country ?? '—' },
    { label: 'Sub-ids', cell: (c) => subIds(c) || '—' },
    {
      label: 'Review',
      cell: (c) => (c.held ? <span className="badge badge-bad">held for review</span> : '—'),
    },
  ];

  const change = (set: (v: string) => void) => (v: string) => {
    set(v);
    setPage(1);
  };
  return (
    <>
      <h1>Customers</h1>
      <p className="muted">
        The players the operator attributed to you, newest first. The operator’s id of each is shown in part,
        unless the brand shows it whole.
      </p>
      <form className="panel filters" aria-label="Filter customers" onSubmit={(e) => e.preventDefault()}>
        <SelectField
          label="Brand"
          value={brand}
          empty="Any brand"
          options={brands.map((b) => ({ value: String(b.id), label: b.name }))}
          onChange={change(setBrand)}
        />
        <SelectField
          label="First deposit"
          value={ftd}
          empty="With or without"
          options={[
            { value: 'yes', label: 'Has deposited' },
            { value: 'no', label: 'No deposit yet' },
          ]}
          onChange={change(setFtd)}
        />
      </form>
      <PagedTable
        label="Customers"
        list={list}
        columns={columns}
        unit="customer"
        onPage={setPage}
        empty={
          filtered ? (
            <NoMatch
              title="No customers match."
              onClear={() => {
                setBrand('');
                setFtd('');
                setPage(1);
              }}
            >
              Choose another brand, or show customers with and without a deposit.
            </NoMatch>
          ) : (
            <EmptyState title="No customers yet.">
              A visitor who signs up at the operator after following one of your tracking links shows here.
              Get your links under Campaigns.
            </EmptyState>
          )
        }
      />
    </>
  );
}
