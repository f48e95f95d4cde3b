import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { formatDateTime } from '../../format.ts';

/** Messages from affiliates, newest first: unread ones by default, each leading to its conversation. */
export function MessagesPage() {
  const [unreadOnly, setUnreadOnly] = useState(true);
  const list = useQuery({
    queryKey: ['messages', 'inbox', unreadOnly],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/messages', {
          params: { query: { sender: 'affiliate', page_size: 100, ...(unreadOnly ? { unread: true } : {}) } },
        }),
      ),
  });
  const rows = list.data?.data ?? [];
  return (
    <>
      <h1>Messages</h1>
      <p className="muted">
        What affiliates wrote. Open a conversation to read and answer it; write to an affiliate from its page.
      </p>
      <label>
        <input type="checkbox" checked={unreadOnly} onChange={(e) => setUnreadOnly(e.target.checked)} />{' '}
        Unread only
      </label>
      {list.isError && <p className="form-summary">{list.error.message}</p>}
      {list.data && rows.length === 0 && <p className="muted">No messages.</p>}
      {rows.length > 0 && (
        <div className="table-scroll">
          <table aria-label="Messages from affiliates">
            <thead>
              <tr>
                <th>Subject</th>
                <th>Affiliate</th>
                <th>From</th>
                <th>Sent</th>
                <th>Read</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((m) => (
                <tr key={m.id}>
                  <td>
                    <Link
                      to="/admin/affiliates/$id"
                      params={{ id: String(m.affiliate_id) }}
                      search={{ tab: 'messages' }}
                    >
                      {m.subject}
                    </Link>
                  </td>
                  <td>{m.affiliate_id}</td>
                  <td>{m.sender_name}</td>
                  <td>{formatDateTime(m.created_at)}</td>
                  <td>{m.read_at ? formatDateTime(m.read_at) : 'Unread'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
