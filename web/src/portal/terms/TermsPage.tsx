import './terms.css';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import { formatDateTime } from '../../format.ts';
import { TermsText } from './TermsText.tsx';
import { termsQuery } from './terms-query.ts';

/** The program's terms and conditions in force, and accepting a new version. */
export function TermsPage() {
  const terms = useQuery(termsQuery);
  const queryClient = useQueryClient();
  const accept = useMutation({
    mutationFn: (version: number) => unwrap(api.POST('/api/partner/v1/terms/accept', { body: { version } })),
    onSuccess: (saved) => queryClient.setQueryData(termsQuery.queryKey, saved),
    // A newer version was published meanwhile: show that one.
    onError: () => queryClient.invalidateQueries({ queryKey: termsQuery.queryKey }),
  });
  const data = terms.data;
  const current = data?.current;
  return (
    <>
      <h1>Terms and conditions</h1>
      <p className="muted">
        The operator of the affiliate program may change these terms; each new version is shown here and you
        are asked to accept it.
      </p>
      {terms.isPending && <p className="muted">Loading…</p>}
      {terms.isError && <p className="form-summary">{terms.error.message}</p>}
      {data && !current && <p className="muted">The program has not published its terms yet.</p>}
      {current && (
        <article className="panel" aria-labelledby="terms-title">
          <h2 id="terms-title">{current.title}</h2>
          <p className="muted" data-testid="terms-version">
            Version {current.version}, published {formatDateTime(current.published_at)}
          </p>
          {data.acceptance_required && current.summary && (
            <p className="terms-changes">
              <strong>What changed:</strong> {current.summary}
            </p>
          )}
          <TermsText text={current.body} />
          {data.acceptance_required ? (
            <div className="actions">
              <button
                type="button"
                disabled={accept.isPending}
                onClick={() => accept.mutate(current.version)}
              >
                {accept.isPending ? 'Accepting…' : `I accept version ${current.version}`}
              </button>
              {accept.isError && <p className="form-summary">{accept.error.message}</p>}
            </div>
          ) : (
            <p role="status" data-testid="terms-accepted">
              You accepted version {current.version} on {formatDateTime(data.current_accepted_at)}.
            </p>
          )}
        </article>
      )}
      {data && data.acceptances.length > 0 && (
        <section className="panel">
          <h2>Versions you accepted</h2>
          <div className="table-scroll">
            <table>
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
        </section>
      )}
    </>
  );
}
