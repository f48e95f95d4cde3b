import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { STATUS_LABEL } from '../../correspondence/files.ts';
import { formatDate, formatDateTime } from '../../format.ts';

type Status = 'open' | 'answered' | 'accepted' | 'rejected';

/** Every affiliate's inquiries; "answered" are the answers waiting for a decision. */
export function InquiriesPage() {
  const [status, setStatus] = useState<Status | ''>('answered');
  const list = useQuery({
    queryKey: ['inquiries', 'list', status],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/inquiries', {
          params: { query: status ? { status, page_size: 100 } : { page_size: 100 } },
        }),
      ),
  });
  return (
    <>
      <h1>Inquiries</h1>
      <p className="muted">
        Ask an affiliate for documents or missing information from its page (Profile tab). Answers wait here
        for your decision.
      </p>
      <div className="field">
        <label htmlFor="inquiry-status">Status</label>
        <select id="inquiry-status" value={status} onChange={(e) => setStatus(e.target.value as Status | '')}>
          <option value="">All</option>
          <option value="answered">Answered: to review</option>
          <option value="open">Open</option>
          <option value="rejected">Rejected</option>
          <option value="accepted">Accepted</option>
        </select>
      </div>
      {list.isError && <p className="form-summary">{list.error.message}</p>}
      {list.data && list.data.data.length === 0 && <p className="muted">No inquiries.</p>}
      {list.data && list.data.data.length > 0 && (
        <div className="table-scroll">
          <table aria-label="Inquiries">
            <thead>
              <tr>
                <th>Subject</th>
                <th>Affiliate</th>
                <th>Status</th>
                <th>Due</th>
                <th>Updated</th>
              </tr>
            </thead>
            <tbody>
              {list.data.data.map((i) => (
                <tr key={i.id}>
                  <td>
                    <Link to="/admin/inquiries/$id" params={{ id: String(i.id) }}>
                      {i.subject}
                    </Link>
                  </td>
                  <td>
                    <Link to="/admin/affiliates/$id" params={{ id: String(i.affiliate_id) }}>
                      {i.affiliate_id}
                    </Link>
                  </td>
                  <td>{STATUS_LABEL[i.status]}</td>
                  <td>{formatDate(i.due_date)}</td>
                  <td>{formatDateTime(i.updated_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
