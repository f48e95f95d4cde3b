import { useQuery } from '@tanstack/react-query';
import { Link, Outlet, useLocation, useNavigate } from '@tanstack/react-router';
import { useEffect } from 'react';
import { isUnauthenticated } from '../api/client.ts';
import { meQuery } from '../api/queries.ts';
import { AdminNav } from './AdminNav.tsx';
import { SignOutButton } from './SignOutButton.tsx';

/** The signed-in back office frame. The route checks the session before rendering this. */
export function AdminLayout() {
  const me = useQuery(meQuery);
  const navigate = useNavigate();
  const href = useLocation({ select: (location) => location.href });

  // The session can end while the page is open (expiry, sign-out elsewhere); the next check finds out.
  useEffect(() => {
    if (isUnauthenticated(me.error)) void navigate({ to: '/admin/login', search: { redirect: href } });
  }, [me.error, navigate, href]);

  return (
    <div className="admin">
      <header className="admin-header">
        <Link to="/admin" className="brand">
          Affluent
        </Link>
        <div className="admin-user">
          <span data-testid="user-email">{me.data?.staff?.email ?? me.data?.api_key?.name}</span>
          <SignOutButton />
        </div>
      </header>
      <AdminNav />
      <main className="admin-main">
        <Outlet />
      </main>
    </div>
  );
}
