import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { ClickCounts } from '../clicks/ClickCounts.tsx';
import { myCountsQuery } from '../clicks/queries.ts';
import { humanize } from '../format.ts';
import { Dashboard } from '../reports/Dashboard.tsx';
import { OpenInquiries } from './inquiries/InquiriesPage.tsx';
import { partnerMeQuery, profileQuery } from './queries.ts';

export function HomePage() {
  const me = useQuery(partnerMeQuery);
  const counts = useQuery(myCountsQuery);
  const profile = useQuery(profileQuery);
  if (!me.data) return null;
  const { user, affiliate, two_factor } = me.data;
  return (
    <>
      <h1>Welcome{user.first_name ? `, ${user.first_name}` : ''}</h1>
      <OpenInquiries />
      <section className="panel">
        <dl className="facts">
          <dt>Affiliate</dt>
          <dd>
            {affiliate.name} <span className="muted">#{affiliate.id}</span>
          </dd>
          <dt>Status</dt>
          <dd>{humanize(affiliate.status)}</dd>
          <dt>Two-factor authentication</dt>
          <dd>
            {user.two_factor_enabled ? (
              <span className="badge badge-ok">on</span>
            ) : (
              <span className="badge badge-bad">off</span>
            )}
          </dd>
        </dl>
      </section>
      <section className="panel" aria-labelledby="my-clicks">
        <div className="panel-heading">
          <h2 id="my-clicks">Your clicks</h2>
          <Link to="/portal/campaigns">Campaigns</Link>
        </div>
        {counts.isError && <p className="form-summary">{counts.error.message}</p>}
        <ClickCounts counts={counts.data?.counts} label="Your clicks" />
        {counts.data?.counts.last_30_days.clicks === 0 && (
          <p className="muted">
            No clicks in the last 30 days. Create a promo in <Link to="/portal/campaigns">Campaigns</Link> and
            publish its tracking link; every visitor who follows it counts here.
          </p>
        )}
      </section>
      <div className="panel-heading">
        <p className="muted">
          {profile.data?.report_currency
            ? `Amounts converted into ${profile.data.report_currency}, your report currency (Profile).`
            : 'Each amount in its own currency; choose a report currency in your Profile to see them in one.'}
        </p>
        <Link to="/portal/reports">Reports</Link>
      </div>
      {profile.isSuccess && (
        <Dashboard audience="partner" topBy="campaign" currency={profile.data.report_currency} />
      )}
      {!user.two_factor_enabled && (
        <section className="panel notice">
          <p>
            {two_factor.required_by_operator
              ? 'The affiliate program requires two-factor authentication.'
              : 'Financial actions (payment methods, cash-outs) need two-factor authentication.'}{' '}
            <Link to="/portal/security">Turn it on in Security</Link>.
          </p>
        </section>
      )}
    </>
  );
}
