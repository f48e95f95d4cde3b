import { partnerOwner } from '../../../core/reports/favorites/report-owner.ts';
import { partnerSecurity, requirePartner } from '../../plugins/partner-auth.ts';
import { requestedReportRoutes } from '../shared/requested-report-routes.ts';

/** Each affiliate user's own requested reports, of the affiliate's own rows. */
export const partnerRequestedReportRoutes = requestedReportRoutes({
  tags: ['portal: reports'],
  security: partnerSecurity,
  guard: requirePartner(),
  owner: (request) => partnerOwner(request.partner!.user),
  scope: (request) => ({ affiliateId: request.partner!.affiliate.id }),
});
