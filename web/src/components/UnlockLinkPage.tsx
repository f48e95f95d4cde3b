import { useMutation } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { MessageCard } from './MessageCard.tsx';

/**
 * Where an unlock email leads, for staff and for affiliate users alike: the link is used as soon
 * as the page opens, then the page says whether it worked and leads back to sign-in.
 */
export function UnlockLinkPage(props: {
  token: string | undefined;
  unlock(token: string): Promise<unknown>;
  signIn: '/admin/login' | '/portal/sign-in';
  /** Who to ask when the link does not work: "an administrator". */
  askWho: string;
}) {
  const { token } = props;
  const unlock = useMutation({ mutationFn: () => props.unlock(token ?? '') });
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
        <Link to={props.signIn}>Sign in</Link>
      </MessageCard>
    );
  }
  if (unlock.isError || !token) {
    return (
      <MessageCard title="This unlock link does not work">
        <p>
          {unlock.error?.message ?? 'The link is incomplete.'} Ask {props.askWho} to unlock you.
        </p>
        <Link to={props.signIn}>Back to sign in</Link>
      </MessageCard>
    );
  }
  return (
    <MessageCard title="Unlocking your account…">
      <p className="muted">One moment.</p>
    </MessageCard>
  );
}
