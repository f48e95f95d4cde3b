import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { DataTable } from '../../components/DataTable.tsx';
import { EmptyState } from '../../components/EmptyState.tsx';
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
        {outbox.data && (
          <DataTable
            rows={outbox.data.data}
            empty={
              <EmptyState
                title="No emails yet."
                action={
                  <Link to="/admin/staff" className="button-link">
                    Invite a staff user
                  </Link>
                }
              >
                Invitations, set-password and reset links land here until SMTP_URL is set: invite someone and
                their email shows up.
              </EmptyState>
            }
            columns={[
              { label: 'Sent', cell: (m) => formatDateTime(m.created_at as string) },
              { label: 'To', cell: (m) => m.to },
              {
                label: 'Subject',
                cell: (m) => (
                  <>
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => setOpen(open === m.id ? null : m.id)}
                    >
                      {m.subject}
                    </button>
                    {m.attachments.length > 0 && (
                      <span className="muted">
                        {' '}
                        (attached:{' '}
                        {m.attachments
                          .map((a) => `${a.filename}, ${Math.ceil(a.bytes / 1024)} KB`)
                          .join('; ')}
                        )
                      </span>
                    )}
                    {open === m.id && <pre className="email-text">{m.text}</pre>}
                  </>
                ),
              },
            ]}
          />
        )}
      </section>
    </>
  );
}
