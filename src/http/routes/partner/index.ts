import type { FastifyPluginAsync } from 'fastify';
import { SignInThrottle } from '../../../core/identity/lockout/sign-in-throttle.ts';
import { partnerApiKeyRoutes } from './api-keys.ts';
import { partnerAuthRoutes } from './auth.ts';
import { partnerBillRoutes } from './bills.ts';
import { partnerCampaignRoutes } from './campaigns.ts';
import { partnerClickRoutes } from './clicks.ts';
import { partnerCommissionPlanRoutes } from './commission-plans.ts';
import { partnerCommissionRoutes } from './commissions.ts';
import { partnerCouponCodeRoutes } from './coupon-codes.ts';
import { partnerCustomerRoutes } from './customers.ts';
import { partnerDocumentRoutes } from './documents.ts';
import { partnerEventRoutes } from './events.ts';
import { partnerHistoryRoutes } from './history.ts';
import { partnerInquiryRoutes } from './inquiries.ts';
import { partnerMessageRoutes } from './messages.ts';
import { partnerNewsRoutes } from './news.ts';
import { partnerPaymentMethodRoutes } from './payment-methods.ts';
import { partnerPostbackRoutes } from './postbacks.ts';
import { partnerProfileRoutes } from './profile.ts';
import { partnerProgramRoutes } from './program.ts';
import { partnerPromoRoutes } from './promos.ts';
import { partnerReportExportRoutes } from './report-exports.ts';
import { partnerReportFavoriteRoutes } from './report-favorites.ts';
import { partnerReportFeedRoutes } from './report-feeds.ts';
import { partnerRequestedReportRoutes } from './report-requested.ts';
import { partnerReportRoutes } from './reports.ts';
import { partnerSessionRoutes } from './sessions.ts';
import { partnerSignUpRoutes } from './sign-up.ts';
import { partnerSiteRoutes } from './sites.ts';
import { partnerSubAffiliateRoutes } from './sub-affiliates.ts';
import { partnerTeamRoutes } from './team.ts';
import { partnerTermsRoutes } from './terms.ts';
import { partnerTrackingOptionRoutes } from './tracking-options.ts';
import { partnerTwoFactorRoutes } from './two-factor.ts';
import { partnerWalletRoutes } from './wallet.ts';

/**
 * Everything under /api/partner/v1: the API of the affiliate portal, for affiliate users (portal
 * session cookie) and affiliate API keys. Features add their route plugin here; each route takes
 * requirePartner(...) and scopes every read and write to request.partner.affiliate.id.
 */
export const partnerApi: FastifyPluginAsync = async (app) => {
  app.decorateRequest('partner', null);
  const { identity } = app.deps.config;
  const throttle = new SignInThrottle({
    perIp: identity.signInFailuresPerIp,
    perAccount: identity.signInFailuresPerAccount,
    windowSeconds: identity.signInFailureWindowSeconds,
  });
  await app.register(partnerAuthRoutes, { throttle });
  await app.register(partnerSignUpRoutes);
  await app.register(partnerProgramRoutes);
  await app.register(partnerTermsRoutes);
  await app.register(partnerNewsRoutes);
  await app.register(partnerProfileRoutes);
  await app.register(partnerTwoFactorRoutes);
  await app.register(partnerSessionRoutes);
  await app.register(partnerTeamRoutes);
  await app.register(partnerApiKeyRoutes);
  await app.register(partnerEventRoutes);
  await app.register(partnerCampaignRoutes);
  await app.register(partnerPromoRoutes);
  await app.register(partnerTrackingOptionRoutes);
  await app.register(partnerClickRoutes);
  await app.register(partnerCustomerRoutes);
  await app.register(partnerCouponCodeRoutes);
  await app.register(partnerCommissionPlanRoutes);
  await app.register(partnerWalletRoutes);
  await app.register(partnerBillRoutes);
  await app.register(partnerHistoryRoutes);
  await app.register(partnerPaymentMethodRoutes);
  await app.register(partnerCommissionRoutes);
  await app.register(partnerPostbackRoutes);
  await app.register(partnerSubAffiliateRoutes);
  await app.register(partnerReportFavoriteRoutes);
  await app.register(partnerReportExportRoutes);
  await app.register(partnerReportFeedRoutes);
  await app.register(partnerRequestedReportRoutes);
  await app.register(partnerReportRoutes);
  await app.register(partnerInquiryRoutes);
  await app.register(partnerMessageRoutes);
  await app.register(partnerSiteRoutes);
  await app.register(partnerDocumentRoutes);
};
