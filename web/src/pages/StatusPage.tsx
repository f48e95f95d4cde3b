import { Link } from '@tanstack/react-router';
import { HealthSummary } from '../components/HealthSummary.tsx';

/** The public front page: enough to tell that the platform is up, and the ways in. */
export function StatusPage() {
  return (
    <main className="centered">
      <section className="card">
        <h1>Affluent</h1>
        <p className="muted">Affiliate management platform</p>
        <HealthSummary />
        <nav className="link-list" aria-label="Entrances">
          <Link to="/admin">Back office</Link>
          <Link to="/portal">Affiliate portal</Link>
          {/* Served by the API server, not by this app, so a plain link. */}
          <a href="/docs">API documentation</a>
        </nav>
      </section>
    </main>
  );
}
