import { api, unwrap } from '../../api/client.ts';
import { UnlockLinkPage } from '../../components/UnlockLinkPage.tsx';

/** Where an affiliate user's unlock email leads. */
export function UnlockPage({ token }: { token: string | undefined }) {
  return (
    <UnlockLinkPage
      token={token}
      unlock={(t) => unwrap(api.POST('/api/partner/v1/auth/unlock', { body: { token: t } }))}
      signIn="/portal/sign-in"
      askWho="the affiliate program or your account owner"
    />
  );
}
