import { getRouteApi } from '@tanstack/react-router';
import { ReportBuilder } from '../../reports/ReportBuilder.tsx';

const route = getRouteApi('/admin/shell/reports');

/** Performance reports over every affiliate (a limited account manager: theirs only). */
export function ReportsPage() {
  const search = route.useSearch();
  const navigate = route.useNavigate();
  return (
    <>
      <h1>Reports</h1>
      <p className="muted">
        Clicks, customers, deposits, activity and commissions over any days, grouped the way you choose. The
        address keeps the report, so a link opens the same one; save it as a favorite to find it again.
      </p>
      <ReportBuilder audience="operator" search={search} onSearch={(next) => navigate({ search: next })} />
    </>
  );
}
