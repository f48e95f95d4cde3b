import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { formatDateTime, humanize } from '../../format.ts';
import type { AffiliateListItem } from './api.ts';

export interface Column {
  key: string;
  label: string;
  /** The API's sort field, when the column can be sorted. */
  sort?: string;
  render(a: AffiliateListItem): ReactNode;
}

export const COLUMNS: Column[] = [
  {
    key: 'name',
    label: 'Name',
    sort: 'name',
    render: (a) => (
      <Link to="/admin/affiliates/$id" params={{ id: String(a.id) }}>
        {a.name}
      </Link>
    ),
  },
  { key: 'id', label: 'ID', sort: 'id', render: (a) => a.id },
  { key: 'company_name', label: 'Company', sort: 'company_name', render: (a) => a.company_name ?? '—' },
  { key: 'email', label: 'Email', render: (a) => a.email ?? '—' },
  {
    key: 'status',
    label: 'Status',
    sort: 'status',
    render: (a) => <span className={`badge status-${a.status}`}>{humanize(a.status)}</span>,
  },
  { key: 'account_manager', label: 'Account manager', render: (a) => a.account_manager?.name ?? '—' },
  { key: 'account_executive', label: 'Account executive', render: (a) => a.account_executive?.name ?? '—' },
  { key: 'labels', label: 'Labels', render: (a) => a.labels.join(', ') || '—' },
  { key: 'tier', label: 'Tier', render: (a) => a.tier?.name ?? '—' },
  { key: 'country_code', label: 'Country', sort: 'country_code', render: (a) => a.country_code ?? '—' },
  { key: 'billing_frequency', label: 'Billing', render: (a) => humanize(a.billing_frequency) },
  { key: 'payment_type', label: 'Payment', render: (a) => humanize(a.payment_type) },
  { key: 'created_at', label: 'Created', sort: 'created_at', render: (a) => formatDateTime(a.created_at) },
  {
    key: 'approved_at',
    label: 'Approved',
    sort: 'approved_at',
    render: (a) => formatDateTime(a.approved_at),
  },
];

export const DEFAULT_COLUMNS = [
  'name',
  'company_name',
  'email',
  'status',
  'account_manager',
  'labels',
  'created_at',
];
const STORAGE_KEY = 'affluent.affiliates.columns';

/** The chosen columns survive reloads in this browser. */
export function loadColumns(): string[] {
  try {
    const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
    if (Array.isArray(saved) && saved.every((k) => COLUMNS.some((c) => c.key === k))) return saved;
  } catch {
    // A damaged entry falls back to the defaults.
  }
  return DEFAULT_COLUMNS;
}

export function saveColumns(keys: string[]): void {
  localStorage.setItem(STORAGE_KEY, JSON.stringify(keys));
}
