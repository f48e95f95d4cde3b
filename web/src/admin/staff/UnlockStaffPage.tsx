import { useMutation } from '@tanstack/react-query';
import { Link, useSearch } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { api, unwrap } from '../../api/client.ts';
import { MessageCard } from '../../components/MessageCard.tsx';

/** Where a staff user's unlock email leads: the link is used as soon as the page opens. */
export function UnlockStaffPage() {
  const { token } = useSearch({ from: '/admin/unlock' });
  const unlock = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/auth/unlock', { body: { token: token ?? '' } })),
  });
  const { mutate } = unlock;
  // The link works once: React's development double-run of effects must not spend it twice.
  const started = useRef(false);
  useEffect(() => {
    if (!token || started.current) return;
    started.current = true;
    mutate();
  }, [token, mutate]);

  if (unlock.isSuccess) {
    return (
      <MessageCard title="Your account is unlocked">
        <p>You can sign in again. If the failed attempts were not yours, change your password.</p>
        <Link to="/admin/login">Sign in</Link>
      </MessageCard>
    );
  }
  if (unlock.isError || !token) {
    return (
      <MessageCard title="This unlock link does not work">
        <p>{unlock.error?.message ?? 'The link is incomplete.'} Ask an administrator to unlock you.</p>
        <Link to="/admin/login">Back to sign in</Link>
      </MessageCard>
    );
  }
  return (
    <MessageCard title="Unlocking your account…">
      <p className="muted">One moment.</p>
    </MessageCard>
  );
}
