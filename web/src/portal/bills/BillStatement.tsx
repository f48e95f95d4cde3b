import { useQuery } from '@tanstack/react-query';
import { verifyStatement } from '../../../../verifier/affluent-verify.mjs';

interface Statement {
  range: { from_seq: number; to_seq: number };
  checkpoint: { sealed_at: string; key_id: string };
}

/**
 * The bill's signed statement, checked here in the browser by the same verifier affiliates can
 * run themselves (verifier/affluent-verify.mjs) against the installation's published keys.
 */
export function BillStatement({ id }: { id: number }) {
  const url = `/api/partner/v1/bills/${id}/statement`;
  const check = useQuery({
    queryKey: ['portal', 'bills', id, 'statement'],
    queryFn: async () => {
      const [statement, keys] = await Promise.all([
        fetch(url, { credentials: 'same-origin' }).then(async (r) => {
          if (!r.ok) throw new Error((await r.json()).error?.message ?? `HTTP ${r.status}`);
          return r.json() as Promise<Statement>;
        }),
        fetch('/.well-known/affluent-history-keys.json').then((r) => r.json()),
      ]);
      return { statement, result: await verifyStatement(statement, keys.keys) };
    },
  });
  return (
    <section className="statement" aria-label="Statement">
      <h2>Statement</h2>
      {!check.data ? (
        <p>
          {check.error ? `The statement is not available: ${check.error.message}` : 'Checking the statement…'}
        </p>
      ) : check.data.result.ok ? (
        <p className="verified" data-testid="statement-verified">
          Verified: every record behind this bill is in your signed history (records{' '}
          {check.data.statement.range.from_seq} to {check.data.statement.range.to_seq}, sealed{' '}
          {new Date(check.data.statement.checkpoint.sealed_at).toLocaleString()}).
        </p>
      ) : (
        <div className="not-verified" role="alert" data-testid="statement-not-verified">
          <p>Not verified:</p>
          <ul>
            {check.data.result.problems.map((p) => (
              <li key={p.message}>{p.message}</li>
            ))}
          </ul>
        </div>
      )}
      <p>
        <a href={url} download={`statement-bill-${id}.json`}>
          Download the statement (JSON)
        </a>{' '}
        or{' '}
        <a href={`${url}/pdf`} download={`statement-bill-${id}.pdf`}>
          as a PDF
        </a>{' '}
        and check the JSON yourself: <code>node verify-statement.mjs statement-bill-{id}.json</code>
      </p>
    </section>
  );
}
