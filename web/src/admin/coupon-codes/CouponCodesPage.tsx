import { useQuery } from '@tanstack/react-query';
import { getRouteApi } from '@tanstack/react-router';
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import type { Column } from '../../components/DataTable.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
import { NoMatch, PagedTable } from '../../components/PagedTable.tsx';
import { SelectField } from '../../components/SelectField.tsx';
import { formatDateTime } from '../../format.ts';
import { type Names, Owner, useNames } from '../customers/names.tsx';
import { YES_NO } from '../list-params.ts';
import { useBrandOptions } from '../tracking/api.ts';
import { useAllows } from '../use-allows.ts';
import { type CouponCode, couponCodesQuery } from './api.ts';
import { CouponForm } from './CouponForm.tsx';
import { type CouponSearch, isFiltered, toCouponQuery } from './coupon-search.ts';
import { RemoveCouponButton } from './RemoveCouponButton.tsx';
import '../../customers/customers.css';

const route = getRouteApi('/admin/shell/coupon-codes');

const validity = (c: CouponCode) =>
  !c.valid_from && !c.valid_until
    ? 'always'
    : `${c.valid_from ? formatDateTime(c.valid_from) : 'the start'} to ${c.valid_until ? formatDateTime(c.valid_until) : 'no end'}`;

function columns(names: Names, actions?: (c: CouponCode) => ReactNode): Column<CouponCode>[] {
  return [
    {
      label: 'Code',
      cell: (c) => (
        <code className="nowrap" data-testid="coupon-code">
          {c.code}
        </code>
      ),
    },
    { label: 'Brand', cell: (c) => names.brand(c.brand_id) },
    { label: 'Affiliate', cell: (c) => <Owner id={c.affiliate_id} names={names} /> },
    {
      label: 'Campaign and promo',
      cell: (c) =>
        [c.campaign_id && `campaign #${c.campaign_id}`, c.promo_id && `promo #${c.promo_id}`]
          .filter(Boolean)
          .join(', ') || '—',
    },
    { label: 'Valid', cell: (c) => validity(c) },
    {
      label: 'State',
      cell: (c) => (
        <>
          {c.enabled ? (
            <span className="badge badge-ok">enabled</span>
          ) : (
            <span className="badge badge-bad">disabled</span>
          )}{' '}
          {c.used && <span className="muted">used</span>}
        </>
      ),
    },
    { label: 'Description', cell: (c) => c.description ?? '—' },
    ...(actions ? [{ label: 'Actions', hiddenLabel: true, cell: actions }] : []),
  ];
}

function CouponFilters({ search, onApply }: { search: CouponSearch; onApply(next: CouponSearch): void }) {
  const brands = useBrandOptions();
  const [q, setQ] = useState(search.q ?? '');
  useEffect(() => setQ(search.q ?? ''), [search.q]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply({ ...search, q: q.trim() || undefined, page: undefined });
  };
  return (
    <form className="panel filters" onSubmit={submit} aria-label="Filter coupon codes">
      <div className="field grow">
        <label htmlFor="coupon-search">Code</label>
        <input
          id="coupon-search"
          type="search"
          value={q}
          maxLength={64}
          onChange={(e) => setQ(e.target.value)}
        />
      </div>
      <SelectField
        label="Brand"
        value={search.brand ? String(search.brand) : ''}
        empty="Any brand"
        options={brands}
        onChange={(v) => onApply({ ...search, brand: v ? Number(v) : undefined, page: undefined })}
      />
      <SelectField
        label="State"
        value={search.enabled ?? ''}
        empty="Enabled or not"
        options={YES_NO('Enabled', 'Disabled')}
        onChange={(v) =>
          onApply({ ...search, enabled: (v || undefined) as CouponSearch['enabled'], page: undefined })
        }
      />
      <button type="submit">Search</button>
    </form>
  );
}

/** The codes customers type at the operator, each attributing its events to one affiliate. */
export function CouponCodesPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const write = useAllows('write');
  const list = useQuery(couponCodesQuery(toCouponQuery(search)));
  const rows = list.data?.data ?? [];
  const names = useNames(rows.map((c) => c.affiliate_id));
  const [editing, setEditing] = useState<CouponCode | 'new' | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const apply = (next: CouponSearch) => navigate({ search: next });
  const filtered = isFiltered(search);
  const open = (next: CouponCode | 'new') => {
    setDone(null);
    setEditing(next);
  };

  const actions = write
    ? (c: CouponCode) => (
        <span className="actions">
          <button
            type="button"
            className="button-secondary"
            onClick={() => open(c)}
            aria-label={`Change ${c.code}`}
          >
            Change
          </button>
          <RemoveCouponButton coupon={c} onDone={setDone} />
        </span>
      )
    : undefined;

  return (
    <>
      <div className="page-heading">
        <h1>Coupon codes</h1>
        {write && !editing && (
          <button type="button" onClick={() => open('new')}>
            New coupon code
          </button>
        )}
      </div>
      <p className="muted">
        A customer types a coupon code at your checkout or sign-up; an event carrying it as{' '}
        <code>coupon_code</code> is attributed to the code’s affiliate when no valid click id comes first.
        Affiliates see their codes in the portal.
      </p>
      {done && (
        <p className="panel notice" role="status">
          {done}
        </p>
      )}
      {editing && (
        <CouponForm
          key={editing === 'new' ? 'new' : editing.id}
          coupon={editing === 'new' ? undefined : editing}
          affiliateName={editing === 'new' ? undefined : names.affiliate(editing.affiliate_id)}
          onCancel={() => setEditing(null)}
          onDone={(saved) => {
            setEditing(null);
            setDone(
              editing === 'new' ? `Coupon code ${saved.code} created.` : `Coupon code ${saved.code} saved.`,
            );
          }}
        />
      )}
      <CouponFilters search={search} onApply={apply} />
      <PagedTable
        label="Coupon codes"
        list={list}
        columns={columns(names, actions)}
        unit="coupon code"
        onPage={(page) => apply({ ...search, page })}
        empty={
          filtered ? (
            <NoMatch title="No coupon codes match." onClear={() => apply({})}>
              Search for another code or choose another brand.
            </NoMatch>
          ) : (
            <EmptyState
              title="No coupon codes yet."
              action={
                write && (
                  <button type="button" onClick={() => open('new')}>
                    Create the first coupon code
                  </button>
                )
              }
            >
              Give an affiliate a code to share with its audience; your platform sends it with the event as
              coupon_code.
            </EmptyState>
          )
        }
      />
    </>
  );
}
