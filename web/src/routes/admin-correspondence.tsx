// The back office's inquiries and messages pages.
import { createRoute } from '@tanstack/react-router';
import { InquiriesPage } from '../admin/inquiries/InquiriesPage.tsx';
import { InquiryPage } from '../admin/inquiries/InquiryPage.tsx';
import { MessagesPage } from '../admin/messages/MessagesPage.tsx';
import { shellRoute } from './admin-shell.tsx';

const inquiriesRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: '/inquiries',
  component: InquiriesPage,
});
const inquiryRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: '/inquiries/$id',
  component: InquiryPage,
});
const messagesRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: '/messages',
  component: MessagesPage,
});

export const correspondenceRoutes = [inquiriesRoute, inquiryRoute, messagesRoute];
