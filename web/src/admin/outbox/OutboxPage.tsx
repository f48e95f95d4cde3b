import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { formatDateTime } from '../../format.ts';

const outboxQuery = {
  queryKey: ['dev-outbox'],
  queryFn: () => unwrap(api.GET('/api/v1/dev/outbox', { params: { query: { limit: 100 } } })),
};

/** Emails kept instead of sent while no SMTP server is configured: read set-password links here. */
export function OutboxPage() {
  const outbox = useQuery(outboxQuery);
  const [open, setOpen] = useState<number | null>(null);
  return (
    <>
      <h1>Email outbox</h1>
      <p className="muted">
        No SMTP server is configured (<code>SMTP_URL</code>), so emails are kept here instead of sent.
      </p>
      <section className="panel">
        {outbox.isPending && <p className="muted">Loading…</p>}
        {outbox.isError && <p className="form-summary">{outbox.error.message}</p>}
        {outbox.data?.data.length === 0 && <p className="muted">No emails yet.</p>}
        {outbox.data && outbox.data.data.length > 0 && (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Sent</th>
                <th scope="col">To</th>
                <th scope="col">Subject</th>
              </tr>
            </thead>
            <tbody>
              {outbox.data.data.map((m) => (
                <tr key={m.id}>
                  <td>{formatDateTime(m.created_at as string)}</td>
                  <td>{m.to}</td>
                  <td>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => setOpen(open === m.id ? null : m.id)}
                    >
                      {m.subject}
                    </button>
                    {open === m.id && <pre className="email-text">{m.text}</pre>}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
