import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client.ts';
import type { AffiliateUser } from './api.ts';

type Action = 'unlock' | 'reset_two_factor' | 'password_email';

/** Support for one affiliate user: unlock, turn 2FA off for a lost phone, send the password email. */
export function UserActions({ user }: { user: AffiliateUser }) {
  const queryClient = useQueryClient();
  const path = { params: { path: { id: user.id } } };
  const run = useMutation({
    mutationFn: async (action: Action): Promise<string> => {
      if (action === 'unlock') {
        await unwrap(api.POST('/api/v1/affiliate-users/{id}/unlock', path));
        return `${user.email} is unlocked.`;
      }
      if (action === 'reset_two_factor') {
        await unwrap(api.POST('/api/v1/affiliate-users/{id}/two-factor/reset', path));
        return `Two-factor authentication is off for ${user.email}; they can set it up again.`;
      }
      const { sent } = await unwrap(api.POST('/api/v1/affiliate-users/{id}/password-email', path));
      return `${sent === 'set_password' ? 'Set-password' : 'Password reset'} email sent to ${user.email}.`;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['affiliates', user.affiliate_id, 'users'] }),
  });
  const button = (action: Action, label: string) => (
    <button
      type="button"
      className="button-secondary"
      disabled={run.isPending}
      onClick={() => run.mutate(action)}
      aria-label={`${label}: ${user.email}`}
    >
      {label}
    </button>
  );

  return (
    <>
      <span className="actions">
        {user.locked && button('unlock', 'Unlock')}
        {user.two_factor_enabled && button('reset_two_factor', 'Reset 2FA')}
        {user.status !== 'blocked' &&
          button('password_email', user.has_password ? 'Send password reset' : 'Resend set-password email')}
      </span>
      {run.isSuccess && <p role="status">{run.data}</p>}
      {run.isError && <p className="field-error">{run.error.message}</p>}
    </>
  );
}
