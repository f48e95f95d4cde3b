// The back office's pages for what affiliates read in the portal: the terms and conditions.
import { createRoute } from '@tanstack/react-router';
import { TermsVersionsPage } from '../admin/terms/TermsVersionsPage.tsx';
import { shellRoute } from './admin-shell.tsx';

const termsRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: '/terms',
  component: TermsVersionsPage,
});

export const portalContentRoutes = [termsRoute];
