import type { ReactNode } from 'react';
import { formatDateTime } from '../../format.ts';
import type { Affiliate } from './api.ts';

function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className="facts">
      {rows.map(([label, value]) => (
        <div key={label} className="fact">
          <dt>{label}</dt>
          <dd>{value === null || value === undefined || value === '' ? '—' : value}</dd>
        </div>
      ))}
    </dl>
  );
}

export function ProfileTab({ affiliate: a }: { affiliate: Affiliate }) {
  const r = a.relationships;
  const address = a.address
    ? [
        a.address.line1,
        a.address.line2,
        a.address.line3,
        a.address.apartment,
        a.address.city,
        a.address.region_code,
        a.address.postal_code,
        a.address.country_code,
      ]
        .filter(Boolean)
        .join(', ')
    : null;
  return (
    <div className="columns">
      <section className="panel">
        <h2>Account</h2>
        <Facts
          rows={[
            ['ID', a.id],
            ['Company', a.company_name],
            ['Contact', a.contact_name],
            ['Email', a.email],
            ['Phone', a.phone],
            ['Website', a.website_url],
            ['Account manager', r.account_manager?.name],
            ['Account executive', r.account_executive?.name],
            ['Tier', r.tier?.name],
            ['Labels', a.labels.join(', ')],
            ['Referrer', r.referrer ? `#${r.referrer.id} ${r.referrer.name}` : null],
            ['External id', a.external_id],
            ['Default currency', a.default_currency],
            ['Language', a.language],
          ]}
        />
      </section>
      <section className="panel">
        <h2>Details</h2>
        <Facts
          rows={[
            ['Address', address],
            ['Company registration', a.company_registration_number],
            ['VAT number', a.vat_number],
            [
              'Messengers',
              Object.entries(a.messengers)
                .map(([k, v]) => `${k}: ${v}`)
                .join(', '),
            ],
            ['Traffic sources', r.traffic_sources?.map((s) => s.name).join(', ')],
            ['Custom tags', r.custom_tags?.map((t) => `${t.tag}: ${t.value}`).join(', ')],
            ['Notifications', a.has_notifications ? 'on' : 'off'],
            ['API access', a.api_access_enabled ? 'on' : 'off'],
            ['Applied', formatDateTime(a.applied_at)],
            [
              'Approved',
              a.approved_at ? `${formatDateTime(a.approved_at)} by ${a.approved_by?.name ?? '?'}` : null,
            ],
            ['Created', formatDateTime(a.created_at)],
            ['Saved', formatDateTime(a.updated_at)],
            ['Last login', formatDateTime(a.last_login_at, 'never')],
          ]}
        />
      </section>
      <section className="panel">
        <h2>Notes</h2>
        <h3>Internal</h3>
        <p className="pre">{a.internal_notes || '—'}</p>
        <h3>Visible to the affiliate</h3>
        <p className="pre">{a.affiliate_notes || '—'}</p>
      </section>
    </div>
  );
}
