import { createRoute, redirect } from '@tanstack/react-router';
import { AdminLayout } from '../admin/AdminLayout.tsx';
import { isUnauthenticated } from '../api/client.ts';
import { meQuery } from '../api/queries.ts';
import { rootRoute } from './root.tsx';

export const adminRoute = createRoute({ getParentRoute: () => rootRoute, path: '/admin' });

// Pathless: everything signed-in shares the shell, and the session is checked once, before rendering.
export const shellRoute = createRoute({
  getParentRoute: () => adminRoute,
  id: 'shell',
  component: AdminLayout,
  beforeLoad: async ({ context, location }) => {
    try {
      await context.queryClient.ensureQueryData(meQuery);
    } catch (error) {
      if (isUnauthenticated(error))
        throw redirect({ to: '/admin/login', search: { redirect: location.href } });
      throw error;
    }
  },
});
