import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocation, useNavigate } from '@tanstack/react-router';
import { useEffect } from 'react';
import { api, isUnauthenticated, unwrap } from '../api/client.ts';
import { meQuery } from '../api/queries.ts';
import { AppShell } from '../components/AppShell.tsx';
import { unreadMessagesQuery } from './messages/unread-messages.ts';
import { allows, NAV_ITEMS } from './nav.ts';
import { pendingApplicationsQuery } from './pending-applications.ts';

/** The signed-in back office frame. The route checks the session before rendering this. */
export function AdminLayout() {
  const me = useQuery(meQuery);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const href = useLocation({ select: (location) => location.href });

  // The session can end while the page is open (expiry, sign-out elsewhere); the next check finds out.
  useEffect(() => {
    if (isUnauthenticated(me.error)) void navigate({ to: '/admin/login', search: { redirect: href } });
  }, [me.error, navigate, href]);

  const signOut = useMutation({
    mutationFn: () => unwrap(api.POST('/api/v1/auth/logout')),
    // Even if the call failed the user wants out; drop everything cached for the old session.
    onSettled: async () => {
      queryClient.clear();
      await navigate({ to: '/admin/login' });
    },
  });

  const scopes = me.data?.scopes ?? [];
  const pending = useQuery({ ...pendingApplicationsQuery, enabled: me.isSuccess }).data ?? 0;
  const unread = useQuery({ ...unreadMessagesQuery, enabled: me.isSuccess }).data ?? 0;
  const links = NAV_ITEMS.filter((item) => !item.scope || allows(scopes, item.scope)).map((item) =>
    item.to === '/admin/messages'
      ? { ...item, badge: { count: unread, label: unread === 1 ? 'unread message' : 'unread messages' } }
      : item.to === '/admin/affiliates'
        ? {
            ...item,
            badge: { count: pending, label: pending === 1 ? 'pending application' : 'pending applications' },
          }
        : item,
  );
  return (
    <AppShell
      home="/admin"
      title={
        <>
          <img className="brand-mark" src="/favicon.svg" alt="" width={24} height={24} />
          <span className="brand-name">Affluent</span>
        </>
      }
      user={me.data?.staff?.email ?? me.data?.api_key?.name}
      userTestId="user-email"
      onSignOut={() => signOut.mutate()}
      signingOut={signOut.isPending}
      navLabel="Back office"
      links={links}
    />
  );
}
