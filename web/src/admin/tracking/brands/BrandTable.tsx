import { Link } from '@tanstack/react-router';
import { type Column, DataTable } from '../../../components/DataTable.tsx';
import { EmptyState } from '../../../components/EmptyState.tsx';
import { formatDateTime } from '../../../format.ts';
import type { Brand } from '../api.ts';

const COLUMNS: Column<Brand>[] = [
  { label: 'ID', cell: (b) => b.id },
  {
    label: 'Name',
    cell: (b) => (
      <Link to="/admin/brands/$id" params={{ id: String(b.id) }}>
        {b.name}
      </Link>
    ),
  },
  { label: 'Base currency', cell: (b) => b.base_currency },
  {
    label: 'Tracking domain',
    cell: (b) => b.tracking_domain ?? <span className="muted">server address</span>,
  },
  {
    label: 'Status',
    cell: (b) => (
      <span className={`badge ${b.enabled ? 'badge-ok' : 'badge-bad'}`}>
        {b.enabled ? 'enabled' : 'disabled'}
      </span>
    ),
  },
  { label: 'Created', cell: (b) => formatDateTime(b.created_at) },
];

export function BrandTable({ brands }: { brands: Brand[] }) {
  return (
    <DataTable
      rows={brands}
      columns={COLUMNS}
      empty={
        <EmptyState
          title="No brands yet."
          action={
            <Link to="/admin/brands/new" className="button-link">
              Add your first brand
            </Link>
          }
        >
          Start here: a brand has its own currency and tracking domain, and its destination links and banners
          are what affiliates promote.
        </EmptyState>
      }
    />
  );
}
