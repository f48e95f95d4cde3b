import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { EmptyState, focusForm } from '../../components/EmptyState.tsx';
import { teamQuery } from '../queries.ts';
import { AddMemberForm } from './AddMemberForm.tsx';
import { MemberDetails } from './MemberDetails.tsx';
import { MemberTable } from './MemberTable.tsx';

export function TeamPage() {
  const team = useQuery(teamQuery);
  const [selected, setSelected] = useState<number | null>(null);
  const member = team.data?.data.find((m) => m.id === selected);
  return (
    <>
      <h1>Team members</h1>
      <AddMemberForm />
      <section className="panel">
        <h2>Users</h2>
        {team.isPending && <p className="muted">Loading…</p>}
        {team.isError && <p className="form-summary">{team.error.message}</p>}
        {team.data && <MemberTable members={team.data.data} onSelect={setSelected} />}
        {team.data?.data.length === 1 && (
          <EmptyState
            title="Only you so far."
            action={
              <button type="button" onClick={() => focusForm('add-member')}>
                Add a team member
              </button>
            }
          >
            Colleagues who publish your links or read your numbers get their own sign-in: add them with the
            form above and they are emailed a link to set a password.
          </EmptyState>
        )}
      </section>
      {member && <MemberDetails member={member} onClose={() => setSelected(null)} />}
    </>
  );
}
