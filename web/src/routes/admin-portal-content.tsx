// The back office's pages for what affiliates read in the portal: terms, news and contacts.
import { createRoute } from '@tanstack/react-router';
import { BrandContactsPage } from '../admin/news/BrandContactsPage.tsx';
import { NewsAdminPage } from '../admin/news/NewsAdminPage.tsx';
import { TermsVersionsPage } from '../admin/terms/TermsVersionsPage.tsx';
import { shellRoute } from './admin-shell.tsx';

const termsRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: '/terms',
  component: TermsVersionsPage,
});

const newsRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: '/news',
  component: NewsAdminPage,
});

const contactsRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: '/contacts',
  component: BrandContactsPage,
});

export const portalContentRoutes = [termsRoute, newsRoute, contactsRoute];
