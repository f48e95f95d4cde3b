import { getRouteApi } from '@tanstack/react-router';
import { ReportBuilder } from '../../reports/ReportBuilder.tsx';

const route = getRouteApi('/portal/portal-shell/reports');

/** The affiliate's performance reports: its own traffic and earnings, the measurements it may see. */
export function ReportsPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  return (
    <>
      <h1>Reports</h1>
      <p className="muted">
        Your clicks, customers and commissions over any days, grouped the way you choose. The address keeps
        the report, so a bookmark opens the same one; save it as a favorite to find it again.
      </p>
      <ReportBuilder audience="partner" search={search} onSearch={(next) => navigate({ search: next })} />
    </>
  );
}
