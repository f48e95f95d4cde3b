import { useQuery } from '@tanstack/react-query';
import { healthQuery, readinessQuery } from '../api/queries.ts';

/** Version and readiness as the server reports them; shared by the status page and the dashboard. */
export function HealthSummary() {
  const health = useQuery(healthQuery);
  const ready = useQuery(readinessQuery);
  const isReady = ready.data?.status === 'ready';

  return (
    <dl className="facts">
      <dt>Version</dt>
      <dd data-testid="version">{health.data?.version ?? (health.isError ? 'unreachable' : '…')}</dd>
      <dt>Status</dt>
      <dd>
        {ready.data ? (
          <span className={isReady ? 'badge badge-ok' : 'badge badge-bad'}>
            {ready.data.status.replace(/_/g, ' ')}
          </span>
        ) : ready.isError ? (
          <span className="badge badge-bad">unreachable</span>
        ) : (
          '…'
        )}
      </dd>
      {ready.data && (
        <>
          <dt>Database</dt>
          <dd>{ready.data.database === 'pglite' ? 'embedded (PGlite)' : 'PostgreSQL'}</dd>
        </>
      )}
      {ready.data && ready.data.pending_migrations.length > 0 && (
        <>
          <dt>Pending migrations</dt>
          <dd>{ready.data.pending_migrations.join(', ')}</dd>
        </>
      )}
    </dl>
  );
}
