import { useSearch } from '@tanstack/react-router';
import { api, unwrap } from '../../api/client.ts';
import { UnlockLinkPage } from '../../components/UnlockLinkPage.tsx';

/** Where a staff user's unlock email leads. */
export function UnlockStaffPage() {
  const { token } = useSearch({ from: '/admin/unlock' });
  return (
    <UnlockLinkPage
      token={token}
      unlock={(t) => unwrap(api.POST('/api/v1/auth/unlock', { body: { token: t } }))}
      signIn="/admin/login"
      askWho="an administrator"
    />
  );
}
