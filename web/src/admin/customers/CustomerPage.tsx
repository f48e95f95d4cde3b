import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { type ReactNode, useState } from 'react';
import type { Money } from '../../customers/money.ts';
import { formatDateTime, humanize } from '../../format.ts';
import { useAllows } from '../use-allows.ts';
import { AttributeForm } from './AttributeForm.tsx';
import { type CustomerDetail, customerQuery, useMoney } from './api.ts';
import { CustomerTotals } from './CustomerTotals.tsx';
import { FraudMarks, type Names, Owner, useNames } from './names.tsx';
import { ClickParameters, Timeline } from './Timeline.tsx';
import '../../customers/customers.css';

const route = getRouteApi('/admin/shell/customers/$id');

const orDash = (value: ReactNode) =>
  value === null || value === '' ? <span className="muted">—</span> : value;

/** The facts about a customer; those of an attribution it does not have are left out. */
function profile(c: CustomerDetail, names: Names, money: Money): [string, ReactNode][] {
  const attribution: [string, ReactNode][] = [
    ['Campaign', c.campaign_id && `#${c.campaign_id}`],
    ['Promo', c.promo_id && `#${c.promo_id}`],
    ['Click', c.click_id && <code>{c.click_id}</code>],
    ['Coupon code', c.coupon_code_id && `#${c.coupon_code_id}`],
  ];
  return [
    ['Customer id', <code key="id">{c.customer_id}</code>],
    ['Brand', names.brand(c.brand_id)],
    ['Affiliate', <Owner key="a" id={c.affiliate_id} names={names} />],
    [
      'Attributed',
      c.attribution_method
        ? `by ${humanize(c.attribution_method)}, ${formatDateTime(c.attributed_at)}`
        : orDash(null),
    ],
    ...attribution.filter(([, value]) => value),
    ['Click parameters', <ClickParameters key="p" click={c} />],
    ['Country', orDash(c.country)],
    ['First event', formatDateTime(c.first_event_at)],
    ['Last event', formatDateTime(c.last_event_at)],
    ['Registered', formatDateTime(c.registered_at)],
    [
      'First deposit',
      c.ftd_amount !== null && c.ftd_currency
        ? `${money(c.ftd_amount, c.ftd_currency)}, ${formatDateTime(c.ftd_at)}`
        : orDash(null),
    ],
    ['Qualified', formatDateTime(c.qualified_at)],
    ['Fraud', <FraudMarks key="f" flags={c.flags} held={c.held} />],
    [
      'Events',
      <Link key="e" to="/admin/events" search={{ customer: c.id }}>
        {c.event_count} in the events log
      </Link>,
    ],
  ];
}

/** One customer: who they are, whom they belong to and why, their money to date, their story. */
export function CustomerPage() {
  const id = Number(route.useParams().id);
  const customer = useQuery(customerQuery(id));
  const c = customer.data;
  const affiliateIds = c
    ? [
        c.affiliate_id,
        ...c.timeline.map((t) => Number(t.click?.affiliate_id ?? t.decision?.affiliate_id ?? 0) || null),
      ]
    : [];
  const names = useNames(affiliateIds);
  const money = useMoney();
  const write = useAllows('write');
  const [attributing, setAttributing] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  if (customer.isPending) return <p className="muted">Loading…</p>;
  if (customer.isError) return <p className="form-summary">{customer.error.message}</p>;
  if (!c) return null;
  const owner = c.affiliate_id === null ? undefined : names.affiliate(c.affiliate_id);
  return (
    <>
      <div className="page-heading">
        <h1>Customer {c.customer_id}</h1>
        <span className="actions">
          {write && !attributing && (
            <button type="button" onClick={() => setAttributing(true)}>
              {c.affiliate_id === null ? 'Attribute' : 'Change attribution'}
            </button>
          )}
          <Link to="/admin/customers" className="button-link button-secondary">
            All customers
          </Link>
        </span>
      </div>
      {done && (
        <p className="panel notice" role="status">
          {done}
        </p>
      )}
      {attributing && (
        <AttributeForm
          customer={c}
          ownerName={owner}
          onCancel={() => setAttributing(false)}
          onDone={(_, affiliate) => {
            setAttributing(false);
            setDone(`Customer ${c.customer_id} now belongs to ${affiliate.name}.`);
          }}
        />
      )}
      <div className="columns">
        <section className="panel" aria-labelledby="customer-profile">
          <h2 id="customer-profile">Profile</h2>
          <dl className="facts" data-testid="customer-profile">
            {profile(c, names, money).map(([label, value]) => (
              <div className="fact" key={label}>
                <dt>{label}</dt>
                <dd data-field={label}>{value}</dd>
              </div>
            ))}
          </dl>
        </section>
        <section className="panel" aria-labelledby="customer-totals">
          <h2 id="customer-totals">Totals to date</h2>
          <CustomerTotals totals={c.totals} money={money} />
        </section>
      </div>
      <section className="panel" aria-labelledby="customer-timeline">
        <h2 id="customer-timeline">Timeline</h2>
        <Timeline entries={c.timeline} names={names} money={money} />
      </section>
    </>
  );
}
