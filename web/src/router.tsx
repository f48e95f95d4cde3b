import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, createRoute, createRouter, redirect } from '@tanstack/react-router';
import { AdminLayout } from './admin/AdminLayout.tsx';
import { ApiKeysPage } from './admin/api-keys/ApiKeysPage.tsx';
import { DashboardPage } from './admin/DashboardPage.tsx';
import { isUnauthenticated } from './api/client.ts';
import { meQuery } from './api/queries.ts';
import { LoginPage } from './pages/LoginPage.tsx';
import { NotFoundPage } from './pages/NotFoundPage.tsx';
import { PortalPage } from './pages/PortalPage.tsx';
import { StatusPage } from './pages/StatusPage.tsx';
import { SetupPage } from './pages/setup/SetupPage.tsx';

/*
 * The whole route tree, in code. The server answers /, /setup, /admin/* and /portal/* with this
 * app, so every route must stay under one of those prefixes.
 */

interface RouterContext {
  queryClient: QueryClient;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({ notFoundComponent: NotFoundPage });

const statusRoute = createRoute({ getParentRoute: () => rootRoute, path: '/', component: StatusPage });

const setupRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/setup',
  validateSearch: (search: Record<string, unknown>): { token?: string } =>
    typeof search.token === 'string' ? { token: search.token } : {},
  component: SetupPage,
});

const portalRoute = createRoute({ getParentRoute: () => rootRoute, path: '/portal', component: PortalPage });

const adminRoute = createRoute({ getParentRoute: () => rootRoute, path: '/admin' });

const loginRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/login',
  // Only same-app paths: an absolute URL here would make the sign-in page an open redirect.
  validateSearch: (search: Record<string, unknown>): { redirect?: string } =>
    typeof search.redirect === 'string' && search.redirect.startsWith('/admin')
      ? { redirect: search.redirect }
      : {},
  component: LoginPage,
});

// Pathless: everything signed-in shares the shell, and the session is checked once, before rendering.
const shellRoute = createRoute({
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

const dashboardRoute = createRoute({ getParentRoute: () => shellRoute, path: '/', component: DashboardPage });

const apiKeysRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: '/api-keys',
  component: ApiKeysPage,
});

const routeTree = rootRoute.addChildren([
  statusRoute,
  setupRoute,
  portalRoute,
  adminRoute.addChildren([loginRoute, shellRoute.addChildren([dashboardRoute, apiKeysRoute])]),
]);

export function createAppRouter(queryClient: QueryClient) {
  return createRouter({
    routeTree,
    context: { queryClient },
    defaultPreload: 'intent',
    scrollRestoration: true,
  });
}

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
