import { HealthSummary } from '../components/HealthSummary.tsx';

export function DashboardPage() {
  return (
    <>
      <h1>Dashboard</h1>
      <section className="panel">
        <h2>Platform</h2>
        <HealthSummary />
      </section>
    </>
  );
}
