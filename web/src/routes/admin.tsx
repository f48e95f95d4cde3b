import { createRoute } from '@tanstack/react-router';
import { AffiliatePage, validateTab } from '../admin/affiliates/AffiliatePage.tsx';
import { AffiliatesPage } from '../admin/affiliates/AffiliatesPage.tsx';
import { EditAffiliatePage } from '../admin/affiliates/EditAffiliatePage.tsx';
import { validateListSearch } from '../admin/affiliates/list-search.ts';
import { NewAffiliatePage } from '../admin/affiliates/NewAffiliatePage.tsx';
import { ApiKeysPage } from '../admin/api-keys/ApiKeysPage.tsx';
import { AuditLogPage } from '../admin/audit-log/AuditLogPage.tsx';
import { validateAuditSearch } from '../admin/audit-log/audit-search.ts';
import { CampaignPage } from '../admin/campaigns/CampaignPage.tsx';
import { CampaignsPage } from '../admin/campaigns/CampaignsPage.tsx';
import { validateCampaignSearch } from '../admin/campaigns/campaign-search.ts';
import { NewCampaignPage } from '../admin/campaigns/NewCampaignPage.tsx';
import { ClickLogPage } from '../admin/clicks/ClickLogPage.tsx';
import { ClickPage } from '../admin/clicks/ClickPage.tsx';
import { validateClickSearch } from '../admin/clicks/click-search.ts';
import { CouponCodesPage } from '../admin/coupon-codes/CouponCodesPage.tsx';
import { validateCouponSearch } from '../admin/coupon-codes/coupon-search.ts';
import { CustomerPage } from '../admin/customers/CustomerPage.tsx';
import { CustomersPage } from '../admin/customers/CustomersPage.tsx';
import { validateCustomerSearch } from '../admin/customers/customer-search.ts';
import { UnattributedPage, validateQueueSearch } from '../admin/customers/UnattributedPage.tsx';
import { DashboardPage } from '../admin/DashboardPage.tsx';
import { EventsLogPage } from '../admin/events/EventsLogPage.tsx';
import { validateEventSearch } from '../admin/events/event-search.ts';
import { FraudRulesPage, validateRulesSearch } from '../admin/fraud-rules/FraudRulesPage.tsx';
import { OutboxPage } from '../admin/outbox/OutboxPage.tsx';
import { ProgramPage } from '../admin/program/ProgramPage.tsx';
import { SetStaffPasswordPage } from '../admin/staff/SetStaffPasswordPage.tsx';
import { StaffPage } from '../admin/staff/StaffPage.tsx';
import { UnlockStaffPage } from '../admin/staff/UnlockStaffPage.tsx';
import { BrandsPage } from '../admin/tracking/brands/BrandsPage.tsx';
import { EditBrandPage } from '../admin/tracking/brands/EditBrandPage.tsx';
import { NewBrandPage } from '../admin/tracking/brands/NewBrandPage.tsx';
import { EditLinkPage } from '../admin/tracking/links/EditLinkPage.tsx';
import { LinksPage } from '../admin/tracking/links/LinksPage.tsx';
import { validateLinkSearch } from '../admin/tracking/links/link-search.ts';
import { NewLinkPage } from '../admin/tracking/links/NewLinkPage.tsx';
import { EditMediaPage } from '../admin/tracking/media/EditMediaPage.tsx';
import { MediaPage } from '../admin/tracking/media/MediaPage.tsx';
import { validateMediaSearch } from '../admin/tracking/media/media-search.ts';
import { TrafficSourcesPage } from '../admin/traffic-sources/TrafficSourcesPage.tsx';
import { WebhooksPage } from '../admin/webhooks/WebhooksPage.tsx';
import { LoginPage } from '../pages/LoginPage.tsx';
import { NotFoundInShell } from '../pages/NotFoundPage.tsx';
import { correspondenceRoutes } from './admin-correspondence.tsx';
import { earningsRoutes } from './admin-earnings.tsx';
import { portalContentRoutes } from './admin-portal-content.tsx';
import { adminRoute, shellRoute } from './admin-shell.tsx';
import { tokenSearch } from './root.tsx';

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

const dashboardRoute = createRoute({ getParentRoute: () => shellRoute, path: '/', component: DashboardPage });

const staffRoute = createRoute({ getParentRoute: () => shellRoute, path: '/staff', component: StaffPage });

const outboxRoute = createRoute({ getParentRoute: () => shellRoute, path: '/outbox', component: OutboxPage });

const programRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: '/program',
  component: ProgramPage,
});

// An address the back office does not have: said inside the shell, once signed in.
const adminNotFoundRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: '$',
  component: () => <NotFoundInShell home="/admin" homeLabel="Go to the dashboard" />,
});

const staffSetPasswordRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/set-password',
  validateSearch: tokenSearch,
  component: SetStaffPasswordPage,
});

const staffUnlockRoute = createRoute({
  getParentRoute: () => adminRoute,
  path: '/unlock',
  validateSearch: tokenSearch,
  component: UnlockStaffPage,
});

const apiKeysRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: '/api-keys',
  component: ApiKeysPage,
});

const affiliatesRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: '/affiliates',
  validateSearch: validateListSearch,
  component: AffiliatesPage,
});
const newAffiliateRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: '/affiliates/new',
  component: NewAffiliatePage,
});
const affiliateRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: '/affiliates/$id',
  validateSearch: validateTab,
  component: AffiliatePage,
});
const editAffiliateRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: '/affiliates/$id/edit',
  component: EditAffiliatePage,
});

// Tracking set-up: brands, the destination links affiliates build promos to, and the banner library.
const brandsRoute = createRoute({ getParentRoute: () => shellRoute, path: '/brands', component: BrandsPage });
const newBrandRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: '/brands/new',
  component: NewBrandPage,
});
const brandRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: '/brands/$id',
  component: EditBrandPage,
});
const linksRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: '/destination-links',
  validateSearch: validateLinkSearch,
  component: LinksPage,
});
const newLinkRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: '/destination-links/new',
  validateSearch: (search: Record<string, unknown>): { brand?: number } => {
    const brand = Number(search.brand);
    return Number.isInteger(brand) && brand > 0 ? { brand } : {};
  },
  component: NewLinkPage,
});
const linkRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: '/destination-links/$id',
  component: EditLinkPage,
});
const mediaRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: '/media',
  validateSearch: validateMediaSearch,
  component: MediaPage,
});
const mediaItemRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: '/media/$id',
  component: EditMediaPage,
});

// The click log and one click with every stored field.
const clicksRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: '/clicks',
  validateSearch: validateClickSearch,
  component: ClickLogPage,
});
const clickRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: '/clicks/$id',
  component: ClickPage,
});

// Customers and the events that made them: the log, one customer's story, and the customers
// waiting for the operator to say whom they belong to; coupon codes and fraud rules.
const customersRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: '/customers',
  validateSearch: validateCustomerSearch,
  component: CustomersPage,
});
const customerRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: '/customers/$id',
  component: CustomerPage,
});
const unattributedRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: '/unattributed',
  validateSearch: validateQueueSearch,
  component: UnattributedPage,
});
const eventsRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: '/events',
  validateSearch: validateEventSearch,
  component: EventsLogPage,
});
const couponCodesRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: '/coupon-codes',
  validateSearch: validateCouponSearch,
  component: CouponCodesPage,
});
const fraudRulesRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: '/fraud-rules',
  validateSearch: validateRulesSearch,
  component: FraudRulesPage,
});
// Who changed what: the catalog and the settings, with their actors.
const webhooksRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: '/webhooks',
  component: WebhooksPage,
});
const auditLogRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: '/audit-log',
  validateSearch: validateAuditSearch,
  component: AuditLogPage,
});

// Campaigns (an affiliate's promos for one brand), one campaign with its promos, and the
// traffic sources affiliates choose from.
const campaignsRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: '/campaigns',
  validateSearch: validateCampaignSearch,
  component: CampaignsPage,
});
const newCampaignRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: '/campaigns/new',
  validateSearch: (search: Record<string, unknown>): { affiliate?: number } => {
    const affiliate = Number(search.affiliate);
    return Number.isInteger(affiliate) && affiliate > 0 ? { affiliate } : {};
  },
  component: NewCampaignPage,
});
const campaignRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: '/campaigns/$id',
  component: CampaignPage,
});
const trafficSourcesRoute = createRoute({
  getParentRoute: () => shellRoute,
  path: '/traffic-sources',
  component: TrafficSourcesPage,
});

export const adminTree = adminRoute.addChildren([
  loginRoute,
  staffSetPasswordRoute,
  staffUnlockRoute,
  shellRoute.addChildren([
    dashboardRoute,
    apiKeysRoute,
    staffRoute,
    outboxRoute,
    programRoute,
    adminNotFoundRoute,
    affiliatesRoute,
    newAffiliateRoute,
    affiliateRoute,
    editAffiliateRoute,
    brandsRoute,
    newBrandRoute,
    brandRoute,
    linksRoute,
    newLinkRoute,
    linkRoute,
    mediaRoute,
    mediaItemRoute,
    clicksRoute,
    clickRoute,
    customersRoute,
    customerRoute,
    unattributedRoute,
    eventsRoute,
    couponCodesRoute,
    fraudRulesRoute,
    auditLogRoute,
    webhooksRoute,
    campaignsRoute,
    newCampaignRoute,
    campaignRoute,
    trafficSourcesRoute,
    ...earningsRoutes,
    ...portalContentRoutes,
    ...correspondenceRoutes,
  ]),
]);
