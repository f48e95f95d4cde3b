import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import { formatDateTime } from '../../format.ts';
import type { PartnerSession } from '../types.ts';

/** Sessions with a Terminate button each; `userId` set means a team member's (the owner's view). */
export function SessionTable({ sessions, userId }: { sessions: PartnerSession[]; userId?: number }) {
  if (sessions.length === 0) return <p className="muted">No active sessions.</p>;
  return (
    <table className="table">
      <thead>
        <tr>
          <th scope="col">Device</th>
          <th scope="col">Address</th>
          <th scope="col">Signed in</th>
          <th scope="col">Last seen</th>
          <th scope="col">
            <span className="visually-hidden">Actions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {sessions.map((s) => (
          <tr key={s.id}>
            <td>
              {s.device}
              {s.method === 'sso' && <span className="muted"> (sign-in link)</span>}
            </td>
            <td>{s.ip ?? '—'}</td>
            <td>{formatDateTime(s.created_at)}</td>
            <td>{formatDateTime(s.last_seen_at)}</td>
            <td>
              {s.current ? (
                <span className="badge badge-ok">this device</span>
              ) : (
                <TerminateButton session={s} userId={userId} />
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function TerminateButton({ session, userId }: { session: PartnerSession; userId?: number }) {
  const queryClient = useQueryClient();
  const terminate = useMutation({
    mutationFn: () =>
      userId === undefined
        ? unwrap(api.DELETE('/api/partner/v1/sessions/{id}', { params: { path: { id: session.id } } }))
        : unwrap(
            api.DELETE('/api/partner/v1/users/{id}/sessions/{session_id}', {
              params: { path: { id: userId, session_id: session.id } },
            }),
          ),
    onSuccess: () =>
      queryClient.invalidateQueries({
        queryKey: userId === undefined ? ['portal', 'sessions'] : ['portal', 'team', userId],
      }),
  });
  if (terminate.isError) return <span className="field-error">{terminate.error.message}</span>;
  return (
    <button
      type="button"
      className="button-secondary"
      disabled={terminate.isPending}
      onClick={() => terminate.mutate()}
      aria-label={`Terminate the session on ${session.device} from ${session.ip ?? 'an unknown address'}`}
    >
      Terminate
    </button>
  );
}
