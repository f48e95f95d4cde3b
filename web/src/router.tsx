import type { QueryClient } from '@tanstack/react-query';
import { createRoute, createRouter } from '@tanstack/react-router';
import { StatusPage } from './pages/StatusPage.tsx';
import { SetupPage } from './pages/setup/SetupPage.tsx';
import { adminTree } from './routes/admin.tsx';
import { portalTree } from './routes/portal.tsx';
import { rootRoute, tokenSearch } from './routes/root.tsx';

// The whole route tree: the status page, setup, the portal (routes/portal.tsx) and the back
// office (routes/admin.tsx).

const statusRoute = createRoute({ getParentRoute: () => rootRoute, path: '/', component: StatusPage });

const setupRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/setup',
  validateSearch: tokenSearch,
  component: SetupPage,
});

const routeTree = rootRoute.addChildren([statusRoute, setupRoute, portalTree, adminTree]);

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
