import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { api, unwrap } from '../../api/client.ts';
import { STATUS_LABEL } from '../../correspondence/files.ts';
import { formatDate, formatDateTime } from '../../format.ts';

export const openInquiriesQuery = {
  queryKey: ['portal', 'inquiries', 'open'],
  queryFn: () =>
    unwrap(
      api.GET('/api/partner/v1/inquiries', {
        params: { query: { awaiting_affiliate: true, page_size: 50 } },
      }),
    ),
};

/** What the operator asked for: open and rejected ones wait for an answer. */
export function InquiriesPage() {
  const list = useQuery({
    queryKey: ['portal', 'inquiries', 'all'],
    queryFn: () => unwrap(api.GET('/api/partner/v1/inquiries', { params: { query: { page_size: 100 } } })),
  });
  const rows = list.data?.data ?? [];
  return (
    <>
      <h1>Inquiries</h1>
      <p className="muted">
        Documents or information the affiliate program asked you for. Answer with text and files; the operator
        accepts your answer or tells you what is missing.
      </p>
      {list.isError && <p className="form-summary">{list.error.message}</p>}
      {list.data && rows.length === 0 && <p className="muted">Nothing was asked of you.</p>}
      {rows.length > 0 && (
        <div className="table-scroll">
          <table aria-label="Inquiries">
            <thead>
              <tr>
                <th>Subject</th>
                <th>Status</th>
                <th>Due</th>
                <th>Asked</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((i) => (
                <tr key={i.id}>
                  <td>
                    <Link to="/portal/inquiries/$id" params={{ id: String(i.id) }}>
                      {i.subject}
                    </Link>
                  </td>
                  <td>{STATUS_LABEL[i.status]}</td>
                  <td>{formatDate(i.due_date)}</td>
                  <td>{formatDateTime(i.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

/** The home page's notice of what waits for an answer. */
export function OpenInquiries() {
  const open = useQuery(openInquiriesQuery);
  const rows = open.data?.data ?? [];
  if (rows.length === 0) return null;
  return (
    <section className="panel notice" aria-labelledby="open-inquiries" data-testid="open-inquiries">
      <h2 id="open-inquiries">The program asked you for something</h2>
      <ul>
        {rows.map((i) => (
          <li key={i.id}>
            <Link to="/portal/inquiries/$id" params={{ id: String(i.id) }}>
              {i.subject}
            </Link>
            {i.due_date && ` · due ${formatDate(i.due_date)}`}
            {i.status === 'rejected' && ' · your answer needs more'}
          </li>
        ))}
      </ul>
    </section>
  );
}
