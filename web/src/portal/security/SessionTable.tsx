import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import { type Column, DataTable } from '../../components/DataTable.tsx';
import { formatDateTime } from '../../format.ts';
import type { PartnerSession } from '../types.ts';

/** Sessions with a Terminate button each; `userId` set means a team member's (the owner's view). */
export function SessionTable({ sessions, userId }: { sessions: PartnerSession[]; userId?: number }) {
  const columns: Column<PartnerSession>[] = [
    {
      label: 'Device',
      cell: (s) => (
        <>
          {s.device}
          {s.method === 'sso' && <span className="muted"> (sign-in link)</span>}
        </>
      ),
    },
    { label: 'Address', cell: (s) => s.ip ?? '—' },
    { label: 'Signed in', cell: (s) => formatDateTime(s.created_at) },
    { label: 'Last seen', cell: (s) => formatDateTime(s.last_seen_at) },
    {
      label: 'Actions',
      hiddenLabel: true,
      cell: (s) =>
        s.current ? (
          <span className="badge badge-ok">this device</span>
        ) : (
          <TerminateButton session={s} userId={userId} />
        ),
    },
  ];
  return <DataTable rows={sessions} columns={columns} empty="No active sessions." />;
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
