import { useQuery } from '@tanstack/react-query';
import { Link, useSearch } from '@tanstack/react-router';
import { setupStatusQuery } from '../../api/queries.ts';
import { MessageCard } from '../../components/MessageCard.tsx';
import { SetupForm } from './SetupForm.tsx';

/** First start: the server prints a one-time link to this page for creating the administrator. */
export function SetupPage() {
  const { token } = useSearch({ from: '/setup' });
  const status = useQuery(setupStatusQuery);

  if (status.data && !status.data.needs_setup) {
    return (
      <MessageCard title="Already set up">
        <p>
          This platform already has an administrator. <Link to="/admin/login">Sign in</Link> instead.
        </p>
      </MessageCard>
    );
  }
  if (!token) {
    return (
      <MessageCard title="Setup link needed">
        <p>Open the setup link the server printed when it started; it carries a one-time token.</p>
      </MessageCard>
    );
  }
  return <SetupForm token={token} />;
}
