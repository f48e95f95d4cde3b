import './news.css';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';

const contactsQuery = queryOptions({
  queryKey: ['portal', 'contacts'],
  queryFn: () => unwrap(api.GET('/api/partner/v1/contacts')),
});

const LABELS = [
  ['email', 'Email'],
  ['phone', 'Phone'],
  ['skype', 'Skype'],
  ['telegram', 'Telegram'],
  ['whatsapp', 'WhatsApp'],
  ['note', 'Note'],
] as const;

/** How to reach the program: each brand's team, and the affiliate's own manager when it has one. */
export function ContactsPage() {
  const contacts = useQuery(contactsQuery);
  const data = contacts.data;
  return (
    <>
      <h1>Contacts</h1>
      <p className="muted">
        Each brand has its own contact details. Your own affiliate manager, if you have one, is shown too.
      </p>
      {contacts.isPending && <p className="muted">Loading…</p>}
      {contacts.isError && <p className="form-summary">{contacts.error.message}</p>}
      {data && (
        <div className="contacts-grid">
          {data.manager && (
            <section className="panel" aria-labelledby="manager-title">
              <h2 id="manager-title">Your affiliate manager</h2>
              <dl>
                <dt>Name</dt>
                <dd>{data.manager.name || '—'}</dd>
                <dt>Email</dt>
                <dd>
                  <a href={`mailto:${data.manager.email}`}>{data.manager.email}</a>
                </dd>
              </dl>
            </section>
          )}
          {data.brands.map((c) => (
            <section key={c.brand.id} className="panel" aria-labelledby={`brand-contacts-${c.brand.id}`}>
              <h2 id={`brand-contacts-${c.brand.id}`}>{c.brand.name}</h2>
              <dl>
                {LABELS.filter(([field]) => c[field]).map(([field, label]) => (
                  <div key={field} style={{ display: 'contents' }}>
                    <dt>{label}</dt>
                    <dd>{field === 'email' ? <a href={`mailto:${c.email}`}>{c.email}</a> : c[field]}</dd>
                  </div>
                ))}
              </dl>
            </section>
          ))}
        </div>
      )}
      {data && !data.manager && data.brands.length === 0 && (
        <p className="muted">The program has not published contact details yet.</p>
      )}
    </>
  );
}
