import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useLocation, useNavigate } from '@tanstack/react-router';
import { useEffect } from 'react';
import { api, isUnauthenticated, unwrap } from '../api/client.ts';
import { AppShell, type ShellLink } from '../components/AppShell.tsx';
import { partnerMeQuery } from './queries.ts';

/** The signed-in affiliate portal frame. The route checks the session before rendering this. */
export function PortalLayout() {
  const me = useQuery(partnerMeQuery);
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const href = useLocation({ select: (location) => location.href });

  // A session can end while the page is open (terminated from another device, expired).
  useEffect(() => {
    if (isUnauthenticated(me.error)) void navigate({ to: '/portal/sign-in', search: { redirect: href } });
  }, [me.error, navigate, href]);

  const signOut = useMutation({
    mutationFn: () => unwrap(api.POST('/api/partner/v1/auth/sign-out')),
    onSettled: async () => {
      queryClient.removeQueries({ queryKey: ['portal'] });
      await navigate({ to: '/portal/sign-in' });
    },
  });

  const links: ShellLink[] = [
    { label: 'Home', to: '/portal', exact: true },
    { label: 'Campaigns', to: '/portal/campaigns' },
    { label: 'Profile', to: '/portal/profile' },
    { label: 'Security', to: '/portal/security' },
    ...(me.data?.user.is_owner ? [{ label: 'Team members', to: '/portal/team' } as const] : []),
    { label: 'Events log', to: '/portal/events' },
  ];

  return (
    <AppShell
      home="/portal"
      title={me.data?.affiliate.name ?? 'Affiliate portal'}
      user={me.data?.user.email}
      userTestId="portal-user-email"
      onSignOut={() => signOut.mutate()}
      signingOut={signOut.isPending}
      navLabel="Portal"
      links={links}
    />
  );
}
