import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import { formatDateTime } from '../../format.ts';
import { memberSessionsQuery } from '../queries.ts';
import { SessionTable } from '../security/SessionTable.tsx';
import type { TeamMember } from '../types.ts';

/** One team member: their account info, block / unblock / unlock, statistic token and sessions. */
export function MemberDetails({ member, onClose }: { member: TeamMember; onClose(): void }) {
  const queryClient = useQueryClient();
  const sessions = useQuery(memberSessionsQuery(member.id));
  const path = { params: { path: { id: member.id } } };
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['portal', 'team'] });
  const change = useMutation({
    mutationFn: (body: { status?: 'active' | 'blocked'; locked?: false }) =>
      unwrap(api.PATCH('/api/partner/v1/users/{id}', { ...path, body })),
    onSuccess: refresh,
  });
  const token = useMutation({
    mutationFn: () => unwrap(api.POST('/api/partner/v1/users/{id}/statistic-token', path)),
  });

  return (
    <section className="panel" aria-label={`Team member ${member.email}`}>
      <div className="panel-heading">
        <h2>{member.email}</h2>
        <button type="button" className="button-secondary" onClick={onClose}>
          Close
        </button>
      </div>
      <dl className="facts">
        <dt>Created</dt>
        <dd>{formatDateTime(member.created_at)}</dd>
        <dt>Last sign-in</dt>
        <dd>{formatDateTime(member.last_sign_in_at, 'never')}</dd>
        <dt>Two-factor authentication</dt>
        <dd>{member.two_factor_enabled ? 'on' : 'off'}</dd>
      </dl>
      {change.isError && <p className="form-summary">{change.error.message}</p>}
      <p className="actions">
        {member.status === 'blocked' ? (
          <button
            type="button"
            onClick={() => change.mutate({ status: 'active' })}
            disabled={change.isPending}
          >
            Unblock
          </button>
        ) : (
          <button
            type="button"
            className="button-danger"
            onClick={() => change.mutate({ status: 'blocked' })}
            disabled={change.isPending}
          >
            Block
          </button>
        )}
        {member.locked && (
          <button type="button" onClick={() => change.mutate({ locked: false })} disabled={change.isPending}>
            Unlock
          </button>
        )}
        <button
          type="button"
          className="button-secondary"
          onClick={() => token.mutate()}
          disabled={token.isPending}
        >
          Regenerate statistic token
        </button>
      </p>
      {token.data && (
        <p role="status">
          New statistic token: <code>{token.data.statistic_token}</code>
        </p>
      )}
      <h3>Active sessions</h3>
      {sessions.data && <SessionTable sessions={sessions.data.data} userId={member.id} />}
    </section>
  );
}
