import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { ClickCounts } from '../clicks/ClickCounts.tsx';
import { platformCountsQuery } from '../clicks/queries.ts';
import { AnalyticsCopyStatus } from '../components/AnalyticsCopyStatus.tsx';
import { HealthSummary } from '../components/HealthSummary.tsx';
import { Dashboard } from '../reports/Dashboard.tsx';
import { SetupChecklist } from './home/SetupChecklist.tsx';

export function DashboardPage() {
  const counts = useQuery(platformCountsQuery);
  return (
    <>
      <h1>Dashboard</h1>
      <SetupChecklist />
      <div className="panel-heading">
        <p className="muted">Every affiliate, each amount in its own currency.</p>
        <Link to="/admin/reports">Reports</Link>
      </div>
      <Dashboard audience="operator" topBy="affiliate" />
      <section className="panel" aria-labelledby="home-clicks-title">
        <div className="panel-heading">
          <h2 id="home-clicks-title">Clicks</h2>
          <Link to="/admin/clicks">Click log</Link>
        </div>
        {counts.isError && <p className="form-summary">{counts.error.message}</p>}
        <ClickCounts counts={counts.data?.counts} label="Clicks on the platform" />
      </section>
      <section className="panel">
        <h2>Platform</h2>
        <HealthSummary />
        <AnalyticsCopyStatus />
      </section>
    </>
  );
}
