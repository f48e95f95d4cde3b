import { useQuery } from '@tanstack/react-query';
import { getRouteApi, Link } from '@tanstack/react-router';
import { ReportBuilder } from '../../reports/ReportBuilder.tsx';
import { profileQuery } from '../queries.ts';

const route = getRouteApi('/portal/portal-shell/reports');

/** The affiliate's performance reports: its own traffic and earnings, the measurements it may see. */
export function ReportsPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  const profile = useQuery(profileQuery);
  return (
    <>
      <h1>Reports</h1>
      <p className="muted">
        Your clicks, customers and commissions over any days, grouped the way you choose. The address keeps
        the report, so a bookmark opens the same one; save it as a favorite to find it again.{' '}
        {profile.data?.report_currency &&
          `Amounts are converted into ${profile.data.report_currency}, your report currency (Profile), unless you choose each in its own currency.`}{' '}
        Your sub-affiliates' figures are in the{' '}
        <Link to="/portal/sub-affiliates" search={{ tab: 'report' }}>
          sub-affiliate report
        </Link>
        .
      </p>
      {profile.isSuccess && (
        <ReportBuilder
          audience="partner"
          search={search}
          onSearch={(next) => navigate({ search: next })}
          defaultCurrency={profile.data.report_currency}
        />
      )}
    </>
  );
}
