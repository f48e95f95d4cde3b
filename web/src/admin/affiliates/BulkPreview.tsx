import { Link } from '@tanstack/react-router';
import { humanize } from '../../format.ts';
import type { BulkEditResult } from './api.ts';
import { show } from './bulk-fields.ts';

/** Per affiliate: ok, no change or error, with the value before and after. */
export function BulkPreview({ result }: { result: BulkEditResult }) {
  const { summary } = result;
  return (
    <section aria-label="Preview">
      <p data-testid="bulk-summary">
        Preview: {summary.ok} will change, {summary.no_change} unchanged, {summary.error} with errors
        {summary.resource_errors > 0 ? `, ${summary.resource_errors} invalid` : ''}.
        {summary.error + summary.resource_errors > 0 &&
          ' Nothing can be applied until every affiliate is fine.'}
      </p>
      <div className="table-scroll">
        <table className="table">
          <thead>
            <tr>
              <th scope="col">Affiliate</th>
              <th scope="col">Result</th>
              <th scope="col">Before</th>
              <th scope="col">After</th>
              <th scope="col">Notes</th>
            </tr>
          </thead>
          <tbody>
            {result.changes.map((c) => (
              <tr key={c.affiliate_id}>
                <td>
                  <Link to="/admin/affiliates/$id" params={{ id: String(c.affiliate_id) }}>
                    {c.name}
                  </Link>
                </td>
                <td>
                  <span
                    className={`badge ${c.status === 'error' ? 'badge-bad' : c.status === 'ok' ? 'badge-ok' : ''}`}
                  >
                    {humanize(c.status)}
                  </span>
                </td>
                <td>{c.fields.map((f) => show(f.before)).join('; ')}</td>
                <td>{c.fields.map((f) => show(f.after)).join('; ')}</td>
                <td>
                  {[
                    ...c.fields.map((f) => f.error_message),
                    ...c.errors.map((e) => `${e.path}: ${e.message}`),
                    ...c.related_changes,
                  ]
                    .filter(Boolean)
                    .join('; ')}
                </td>
              </tr>
            ))}
            {result.resource_errors.map((r) => (
              <tr key={`invalid-${r.affiliate_id}`}>
                <td>{r.name ?? `#${r.affiliate_id}`}</td>
                <td>
                  <span className="badge badge-bad">invalid</span>
                </td>
                <td colSpan={3}>{r.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
