import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useLocation, useNavigate } from '@tanstack/react-router';
import { useEffect } from 'react';
import { api, isUnauthenticated, unwrap } from '../api/client.ts';
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

  const items = [
    { label: 'Home', to: '/portal', exact: true },
    { label: 'Campaigns', to: '/portal/campaigns' },
    { label: 'Profile', to: '/portal/profile' },
    { label: 'Security', to: '/portal/security' },
    ...(me.data?.user.is_owner ? [{ label: 'Team members', to: '/portal/team' }] : []),
    { label: 'Events log', to: '/portal/events' },
  ] as const;

  return (
    <div className="admin">
      <header className="admin-header">
        <Link to="/portal" className="brand">
          {me.data?.affiliate.name ?? 'Affiliate portal'}
        </Link>
        <div className="admin-user">
          <span data-testid="portal-user-email">{me.data?.user.email}</span>
          <button
            type="button"
            className="button-secondary"
            onClick={() => signOut.mutate()}
            disabled={signOut.isPending}
          >
            Sign out
          </button>
        </div>
      </header>
      <nav className="admin-nav" aria-label="Portal">
        <ul>
          {items.map((item) => (
            <li key={item.to}>
              <Link
                to={item.to}
                activeOptions={{ exact: 'exact' in item && item.exact }}
                activeProps={{ className: 'active' }}
              >
                {item.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <main className="admin-main">
        <Outlet />
      </main>
    </div>
  );
}
