import type { QueryClient } from '@tanstack/react-query';
import { createRootRouteWithContext, Outlet } from '@tanstack/react-router';
import { PageTitle } from '../page-title.tsx';
import { NotFoundPage } from '../pages/NotFoundPage.tsx';

/*
 * The root of the route tree. The server answers /, /setup, /admin/* and /portal/* with this
 * app, so every route must stay under one of those prefixes.
 */

export interface RouterContext {
  queryClient: QueryClient;
}

export const rootRoute = createRootRouteWithContext<RouterContext>()({
  component: () => (
    <>
      <PageTitle />
      <Outlet />
    </>
  ),
  notFoundComponent: NotFoundPage,
});

/** The one-time token of an emailed link (setup, set password, unlock). */
export const tokenSearch = (search: Record<string, unknown>): { token?: string } =>
  typeof search.token === 'string' ? { token: search.token } : {};
