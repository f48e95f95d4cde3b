import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import { formatDateTime } from '../../format.ts';

/** Which versions of the terms the affiliate accepted and when; whether it accepted the one in force. */
export function TermsPanel({ id }: { id: number }) {
  const terms = useQuery({
    queryKey: ['affiliates', id, 'terms'],
    queryFn: () => unwrap(api.GET('/api/v1/affiliates/{id}/terms', { params: { path: { id } } })),
  });
  const data = terms.data;
  return (
    <section className="panel" aria-labelledby="affiliate-terms">
      <h2 id="affiliate-terms">Terms and conditions</h2>
      {terms.isPending && <p className="muted">Loading…</p>}
      {terms.isError && <p className="form-summary">{terms.error.message}</p>}
      {data && !data.current && <p className="muted">No terms published yet.</p>}
      {data?.current && (
        <p data-testid="affiliate-terms-status">
          {data.current_accepted_at
            ? `Accepted version ${data.current.version} (in force) on ${formatDateTime(data.current_accepted_at)}.`
            : `Has not accepted version ${data.current.version} (in force) yet.`}
        </p>
      )}
      {data && data.acceptances.length > 0 && (
        <div className="table-scroll">
          <table aria-label="Terms accepted">
            <thead>
              <tr>
                <th>Version</th>
                <th>Title</th>
                <th>Accepted</th>
                <th>By</th>
              </tr>
            </thead>
            <tbody>
              {data.acceptances.map((a) => (
                <tr key={a.version}>
                  <td>{a.version}</td>
                  <td>{a.title}</td>
                  <td>{formatDateTime(a.accepted_at)}</td>
                  <td>{a.accepted_by}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
