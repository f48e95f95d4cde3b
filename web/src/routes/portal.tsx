import { createRoute, redirect } from '@tanstack/react-router';
import { isUnauthenticated } from '../api/client.ts';
import { NotFoundInShell } from '../pages/NotFoundPage.tsx';
import { BillPage as PortalBillPage } from '../portal/bills/BillPage.tsx';
import { BillsPage as PortalBillsPage } from '../portal/bills/BillsPage.tsx';
import { CampaignPage } from '../portal/campaigns/CampaignPage.tsx';
import { CampaignsPage } from '../portal/campaigns/CampaignsPage.tsx';
import { CommissionPlansPage as PortalCommissionPlansPage } from '../portal/commission-plans/CommissionPlansPage.tsx';
import { CommissionsPage as PortalCommissionsPage } from '../portal/commissions/CommissionsPage.tsx';
import { CouponCodesPage as PortalCouponCodesPage } from '../portal/coupon-codes/CouponCodesPage.tsx';
import { CustomersPage as PortalCustomersPage } from '../portal/customers/CustomersPage.tsx';
import { DocumentsPage } from '../portal/documents/DocumentsPage.tsx';
import { EventsPage } from '../portal/events/EventsPage.tsx';
import { HomePage as PortalHomePage } from '../portal/HomePage.tsx';
import { InquiriesPage } from '../portal/inquiries/InquiriesPage.tsx';
import { InquiryPage } from '../portal/inquiries/InquiryPage.tsx';
import { MessagesPage } from '../portal/messages/MessagesPage.tsx';
import { ContactsPage } from '../portal/news/ContactsPage.tsx';
import { NewsItemPage } from '../portal/news/NewsItemPage.tsx';
import { NewsPage } from '../portal/news/NewsPage.tsx';
import { PortalLayout } from '../portal/PortalLayout.tsx';
import { PostbackLogPage, PostbacksPage } from '../portal/postbacks/PostbacksPage.tsx';
import { ProfilePage } from '../portal/profile/ProfilePage.tsx';
import { ForgotPasswordPage } from '../portal/public/ForgotPasswordPage.tsx';
import { SetPasswordPage } from '../portal/public/SetPasswordPage.tsx';
import { SignInPage } from '../portal/public/SignInPage.tsx';
import { SignUpPage } from '../portal/public/SignUpPage.tsx';
import { UnlockPage } from '../portal/public/UnlockPage.tsx';
import { partnerMeQuery } from '../portal/queries.ts';
import { ReportsPage as PortalReportsPage } from '../portal/reports/ReportsPage.tsx';
import { SecurityPage } from '../portal/security/SecurityPage.tsx';
import { SitesPage } from '../portal/sites/SitesPage.tsx';
import {
  SubAffiliatesPage,
  validateSubAffiliatesSearch,
} from '../portal/sub-affiliates/SubAffiliatesPage.tsx';
import { TeamPage } from '../portal/team/TeamPage.tsx';
import { TermsPage } from '../portal/terms/TermsPage.tsx';
import { WalletPage } from '../portal/wallet/WalletPage.tsx';
import { validateReportSearch } from '../reports/report-search.ts';
import { rootRoute, tokenSearch } from './root.tsx';

// The affiliate portal: its own sign-in and session, separate from the back office.
const portalRoute = createRoute({ getParentRoute: () => rootRoute, path: '/portal' });

const portalSignInRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: '/sign-in',
  validateSearch: (search: Record<string, unknown>): { redirect?: string; error?: string } => ({
    ...(typeof search.redirect === 'string' && search.redirect.startsWith('/portal')
      ? { redirect: search.redirect }
      : {}),
    ...(typeof search.error === 'string' ? { error: search.error } : {}),
  }),
  component: SignInPage,
});

const portalSignUpRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: '/signup',
  validateSearch: (search: Record<string, unknown>): { ref?: string; promo?: string } => ({
    ...(typeof search.ref === 'string' || typeof search.ref === 'number' ? { ref: String(search.ref) } : {}),
    ...(typeof search.promo === 'string' ? { promo: search.promo } : {}),
  }),
  component: SignUpPage,
});

const portalForgotRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: '/forgot-password',
  component: ForgotPasswordPage,
});

const portalSetPasswordRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: '/set-password',
  validateSearch: tokenSearch,
  component: () => <SetPasswordPage token={portalSetPasswordRoute.useSearch().token} mode="set" />,
});

const portalResetPasswordRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: '/reset-password',
  validateSearch: tokenSearch,
  component: () => <SetPasswordPage token={portalResetPasswordRoute.useSearch().token} mode="reset" />,
});

const portalUnlockRoute = createRoute({
  getParentRoute: () => portalRoute,
  path: '/unlock',
  validateSearch: tokenSearch,
  component: () => <UnlockPage token={portalUnlockRoute.useSearch().token} />,
});

const portalShellRoute = createRoute({
  getParentRoute: () => portalRoute,
  id: 'portal-shell',
  component: PortalLayout,
  beforeLoad: async ({ context, location }) => {
    try {
      await context.queryClient.ensureQueryData(partnerMeQuery);
    } catch (error) {
      if (isUnauthenticated(error))
        throw redirect({ to: '/portal/sign-in', search: { redirect: location.href } });
      throw error;
    }
  },
});

const portalHomeRoute = createRoute({
  getParentRoute: () => portalShellRoute,
  path: '/',
  component: PortalHomePage,
});
const portalProfileRoute = createRoute({
  getParentRoute: () => portalShellRoute,
  path: '/profile',
  component: ProfilePage,
});
const portalSecurityRoute = createRoute({
  getParentRoute: () => portalShellRoute,
  path: '/security',
  component: SecurityPage,
});
const portalTeamRoute = createRoute({
  getParentRoute: () => portalShellRoute,
  path: '/team',
  component: TeamPage,
});
const portalEventsRoute = createRoute({
  getParentRoute: () => portalShellRoute,
  path: '/events',
  component: EventsPage,
});
const portalPostbacksRoute = createRoute({
  getParentRoute: () => portalShellRoute,
  path: '/postbacks',
  component: PostbacksPage,
});
const portalPostbackLogRoute = createRoute({
  getParentRoute: () => portalShellRoute,
  path: '/postback-log',
  component: PostbackLogPage,
});
const portalCampaignsRoute = createRoute({
  getParentRoute: () => portalShellRoute,
  path: '/campaigns',
  component: CampaignsPage,
});
const portalCampaignRoute = createRoute({
  getParentRoute: () => portalShellRoute,
  path: '/campaigns/$id',
  component: CampaignPage,
});
const portalCustomersRoute = createRoute({
  getParentRoute: () => portalShellRoute,
  path: '/customers',
  component: PortalCustomersPage,
});
const portalCouponCodesRoute = createRoute({
  getParentRoute: () => portalShellRoute,
  path: '/coupon-codes',
  component: PortalCouponCodesPage,
});
const portalWalletRoute = createRoute({
  getParentRoute: () => portalShellRoute,
  path: '/wallet',
  component: WalletPage,
});
const portalBillsRoute = createRoute({
  getParentRoute: () => portalShellRoute,
  path: '/bills',
  component: PortalBillsPage,
});
const portalBillRoute = createRoute({
  getParentRoute: () => portalShellRoute,
  path: '/bills/$id',
  component: PortalBillPage,
});
const portalCommissionPlansRoute = createRoute({
  getParentRoute: () => portalShellRoute,
  path: '/commission-plans',
  component: PortalCommissionPlansPage,
});
const portalCommissionsRoute = createRoute({
  getParentRoute: () => portalShellRoute,
  path: '/commissions',
  component: PortalCommissionsPage,
});
const portalSubAffiliatesRoute = createRoute({
  getParentRoute: () => portalShellRoute,
  path: '/sub-affiliates',
  validateSearch: validateSubAffiliatesSearch,
  component: SubAffiliatesPage,
});

const portalTermsRoute = createRoute({
  getParentRoute: () => portalShellRoute,
  path: '/terms',
  component: TermsPage,
});

const portalReportsRoute = createRoute({
  getParentRoute: () => portalShellRoute,
  path: '/reports',
  validateSearch: validateReportSearch,
  component: PortalReportsPage,
});

// What the operator asks for, and the conversation with it.
const portalInquiriesRoute = createRoute({
  getParentRoute: () => portalShellRoute,
  path: '/inquiries',
  component: InquiriesPage,
});
const portalInquiryRoute = createRoute({
  getParentRoute: () => portalShellRoute,
  path: '/inquiries/$id',
  component: InquiryPage,
});
const portalDocumentsRoute = createRoute({
  getParentRoute: () => portalShellRoute,
  path: '/documents',
  component: DocumentsPage,
});
const portalSitesRoute = createRoute({
  getParentRoute: () => portalShellRoute,
  path: '/sites',
  component: SitesPage,
});
const portalMessagesRoute = createRoute({
  getParentRoute: () => portalShellRoute,
  path: '/messages',
  component: MessagesPage,
});

// What the program tells affiliates, and how to reach it.
const portalNewsRoute = createRoute({
  getParentRoute: () => portalShellRoute,
  path: '/news',
  component: NewsPage,
});
const portalNewsItemRoute = createRoute({
  getParentRoute: () => portalShellRoute,
  path: '/news/$id',
  component: NewsItemPage,
});
const portalContactsRoute = createRoute({
  getParentRoute: () => portalShellRoute,
  path: '/contacts',
  component: ContactsPage,
});

// An address the portal does not have: said inside the portal, with its navigation.
const portalNotFoundRoute = createRoute({
  getParentRoute: () => portalShellRoute,
  path: '$',
  component: () => <NotFoundInShell home="/portal" homeLabel="Go to the portal home" />,
});

export const portalTree = portalRoute.addChildren([
  portalSignInRoute,
  portalSignUpRoute,
  portalForgotRoute,
  portalSetPasswordRoute,
  portalResetPasswordRoute,
  portalUnlockRoute,
  portalShellRoute.addChildren([
    portalHomeRoute,
    portalProfileRoute,
    portalSecurityRoute,
    portalTeamRoute,
    portalEventsRoute,
    portalPostbacksRoute,
    portalPostbackLogRoute,
    portalCampaignsRoute,
    portalCampaignRoute,
    portalCustomersRoute,
    portalCouponCodesRoute,
    portalCommissionPlansRoute,
    portalWalletRoute,
    portalBillsRoute,
    portalBillRoute,
    portalCommissionsRoute,
    portalSubAffiliatesRoute,
    portalReportsRoute,
    portalInquiriesRoute,
    portalInquiryRoute,
    portalMessagesRoute,
    portalSitesRoute,
    portalDocumentsRoute,
    portalTermsRoute,
    portalNewsRoute,
    portalNewsItemRoute,
    portalContactsRoute,
    portalNotFoundRoute,
  ]),
]);
