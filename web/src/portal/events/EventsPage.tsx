import { useQuery } from '@tanstack/react-query';
import { formatDateTime } from '../../format.ts';
import { eventsQuery } from '../queries.ts';

const LABELS: Record<string, string> = {
  signed_in: 'Signed in',
  account_locked: 'Account locked',
  account_unlocked: 'Account unlocked',
  password_changed: 'Password changed',
  two_factor_enabled: 'Two-factor authentication enabled',
  two_factor_disabled: 'Two-factor authentication disabled',
  session_terminated: 'Session terminated',
  team_member_added: 'Team member added',
  team_member_blocked: 'Team member blocked',
  team_member_unblocked: 'Team member unblocked',
};

const label = (type: string) =>
  LABELS[type] ?? type.replaceAll('_', ' ').replace(/^./, (c) => c.toUpperCase());

export function EventsPage() {
  const events = useQuery(eventsQuery);
  return (
    <>
      <h1>Events log</h1>
      <section className="panel">
        {events.isError && <p className="form-summary">{events.error.message}</p>}
        {events.data?.data.length === 0 && <p className="muted">No events yet.</p>}
        {events.data && events.data.data.length > 0 && (
          <table className="table">
            <thead>
              <tr>
                <th scope="col">ID</th>
                <th scope="col">When</th>
                <th scope="col">Event</th>
                <th scope="col">User</th>
                <th scope="col">By</th>
                <th scope="col">Address</th>
              </tr>
            </thead>
            <tbody>
              {events.data.data.map((e) => (
                <tr key={e.id}>
                  <td>{e.id}</td>
                  <td>{formatDateTime(e.created_at as string)}</td>
                  <td>{label(e.type)}</td>
                  <td>{e.user?.email ?? '—'}</td>
                  <td>{e.actor.name}</td>
                  <td>{e.ip ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}
