import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import type { components } from '../../api/schema.d.ts';
import type { Column } from '../../components/DataTable.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { PagedTable } from '../../components/PagedTable.tsx';
import { formatDateTime } from '../../format.ts';
import { campaignsQuery, portalBrandsQuery } from '../campaigns/queries.ts';
import '../../customers/customers.css';

type CouponCode = components['schemas']['CouponCode'];

const couponCodesQuery = (page: number) =>
  queryOptions({
    queryKey: ['portal', 'coupon-codes', page],
    queryFn: () =>
      unwrap(api.GET('/api/partner/v1/coupon-codes', { params: { query: { page, page_size: 50 } } })),
    placeholderData: keepPreviousData,
  });

const validity = (c: CouponCode) =>
  !c.valid_from && !c.valid_until
    ? 'always'
    : `${c.valid_from ? formatDateTime(c.valid_from) : 'now'} to ${c.valid_until ? formatDateTime(c.valid_until) : 'no end'}`;

/** The coupon codes the operator gave you: customers who type one at the operator are yours. */
export function CouponCodesPage() {
  const [page, setPage] = useState(1);
  const list = useQuery(couponCodesQuery(page));
  const brands = useQuery(portalBrandsQuery).data?.data ?? [];
  const campaigns = useQuery(campaignsQuery('all')).data?.data ?? [];
  const columns: Column<CouponCode>[] = [
    { label: 'Code', cell: (c) => <code className="nowrap">{c.code}</code> },
    { label: 'Brand', cell: (c) => brands.find((b) => b.id === c.brand_id)?.name ?? `Brand #${c.brand_id}` },
    {
      label: 'Campaign',
      cell: (c) =>
        c.campaign_id === null
          ? '—'
          : (campaigns.find((x) => x.id === c.campaign_id)?.name ?? `#${c.campaign_id}`),
    },
    { label: 'Valid', cell: validity },
    {
      label: 'State',
      cell: (c) =>
        c.enabled ? (
          <span className="badge badge-ok">active</span>
        ) : (
          <span className="badge badge-bad">disabled</span>
        ),
    },
    { label: 'Description', cell: (c) => c.description ?? '—' },
  ];
  return (
    <>
      <h1>Coupon codes</h1>
      <p className="muted">
        Share a code with your audience: a customer who types it at the operator’s checkout or sign-up is
        attributed to you, unless a tracking link of another affiliate brought them first.
      </p>
      <PagedTable
        label="Coupon codes"
        list={list}
        columns={columns}
        unit="coupon code"
        onPage={setPage}
        empty={
          <EmptyState title="No coupon codes yet.">
            The operator creates coupon codes for affiliates; ask your account manager for one.
          </EmptyState>
        }
      />
    </>
  );
}
