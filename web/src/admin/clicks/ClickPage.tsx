import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { formatDateTime } from '../../format.ts';
import { clickQuery } from './api.ts';

const route = getRouteApi('/admin/shell/clicks/$id');

const orDash = (value: string | null | undefined) => value || <span className="muted">—</span>;

/** Every field stored for one click, with the names of what it points at. */
export function ClickPage() {
  const { id } = route.useParams();
  const click = useQuery(clickQuery(id));
  if (click.isPending) return <p className="muted">Loading…</p>;
  if (click.isError) return <p className="form-summary">{click.error.message}</p>;
  const c = click.data;
  const named = (name: string | null, ref: number) => (
    <>
      {name ?? <span className="muted">deleted</span>} <span className="muted">#{ref}</span>
    </>
  );
  const fields: [string, ReactNode][] = [
    ['Click id', <code key="id">{c.id}</code>],
    ['Time', formatDateTime(c.clicked_at as string)],
    [
      'Affiliate',
      <Link key="a" to="/admin/affiliates/$id" params={{ id: String(c.affiliate_id) }}>
        {named(c.affiliate_name, c.affiliate_id)}
      </Link>,
    ],
    ['Campaign', named(c.campaign_name, c.campaign_id)],
    [
      'Promo',
      <>
        {named(c.promo_title, c.promo_id)} {c.promo_code && <code>{c.promo_code}</code>}
      </>,
    ],
    ['Brand', named(c.brand_name, c.brand_id)],
    [
      'Destination link',
      <Link key="l" to="/admin/destination-links/$id" params={{ id: String(c.destination_link_id) }}>
        {named(c.destination_link_name, c.destination_link_id)}
      </Link>,
    ],
    ['Variant', c.variant === 'b' ? 'B (the link’s second URL)' : 'A'],
    ['Unique', c.is_unique ? 'yes: first click of this visitor on this promo' : 'no: a repeat click'],
    ['Bot', c.is_bot ? 'yes (by its user agent)' : 'no'],
    ['Device', orDash(c.device_type)],
    ['Country', orDash(c.country)],
    ['IP address', orDash(c.ip)],
    ['User agent', orDash(c.user_agent)],
    ['Referrer', orDash(c.referrer)],
    ['sub1', orDash(c.sub1)],
    ['sub2', orDash(c.sub2)],
    ['sub3', orDash(c.sub3)],
    ['sub4', orDash(c.sub4)],
    ['sub5', orDash(c.sub5)],
    [
      'Other parameters',
      Object.keys(c.params).length ? (
        <pre key="params" className="pre">
          {JSON.stringify(c.params, null, 2)}
        </pre>
      ) : (
        <span key="none" className="muted">
          none
        </span>
      ),
    ],
  ];
  return (
    <>
      <div className="page-heading">
        <h1>Click at {formatDateTime(c.clicked_at as string)}</h1>
        <Link to="/admin/clicks" className="button-link button-secondary">
          Back to the click log
        </Link>
      </div>
      <section className="panel">
        <dl className="click-detail" data-testid="click-detail">
          {fields.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd data-field={label}>{value}</dd>
            </div>
          ))}
        </dl>
      </section>
    </>
  );
}
