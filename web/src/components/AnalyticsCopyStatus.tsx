import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client.ts';
import { formatDateTime } from '../format.ts';

export const analyticsStatusQuery = queryOptions({
  queryKey: ['analytics', 'status'],
  queryFn: () => unwrap(api.GET('/api/v1/analytics/status')),
  refetchInterval: 30_000,
  // Admins only: for anyone else the route answers 403 and there is nothing to show.
  retry: false,
});

/** How far ClickHouse is behind PostgreSQL; nothing without ANALYTICS_URL or for non-admins. */
export function AnalyticsCopyStatus() {
  const status = useQuery(analyticsStatusQuery);
  const s = status.data;
  if (!s || (!s.enabled && s.pending_rows === 0)) return null;
  return (
    <dl className="facts" data-testid="analytics-copy">
      <dt>Analytics copy</dt>
      <dd>
        {s.last_error ? (
          <span className="badge badge-bad" title={s.last_error.message}>
            failing since {formatDateTime(String(s.last_error.at))}
          </span>
        ) : (
          <span className="badge badge-ok">{s.enabled ? 'copying' : 'off'}</span>
        )}
      </dd>
      <dt>Rows waiting</dt>
      <dd>
        {s.pending_rows.toLocaleString()}
        {s.oldest_queued_at && ` (oldest queued ${formatDateTime(String(s.oldest_queued_at))})`}
      </dd>
      <dt>Last batch</dt>
      <dd>
        {s.last_batch
          ? `${s.last_batch.rows.toLocaleString()} rows at ${formatDateTime(String(s.last_batch.copied_at))}`
          : 'none yet'}
      </dd>
      {s.last_error && (
        <>
          <dt>Last error</dt>
          <dd style={{ overflowWrap: 'anywhere' }}>{s.last_error.message}</dd>
        </>
      )}
    </dl>
  );
}
