import { useQuery } from '@tanstack/react-query';
import { sessionsQuery } from '../queries.ts';
import { ChangePasswordForm } from './ChangePasswordForm.tsx';
import { SessionTable } from './SessionTable.tsx';
import { TwoFactorPanel } from './TwoFactorPanel.tsx';

export function SecurityPage() {
  const sessions = useQuery(sessionsQuery);
  return (
    <>
      <h1>Security</h1>
      <TwoFactorPanel />
      <ChangePasswordForm />
      <section className="panel">
        <h2>Active sessions</h2>
        <p className="muted">Terminate a session you do not recognise: that device is signed out at once.</p>
        {sessions.isError && <p className="form-summary">{sessions.error.message}</p>}
        {sessions.data && <SessionTable sessions={sessions.data.data} />}
      </section>
    </>
  );
}
