import { partnerOwner } from '../../../core/reports/favorites/report-owner.ts';
import { partnerSecurity, requirePartner } from '../../plugins/partner-auth.ts';
import { reportFavoriteRoutes } from '../shared/report-favorite-routes.ts';

/** Each affiliate user's own saved reports (an affiliate API key's are its user's). */
export const partnerReportFavoriteRoutes = reportFavoriteRoutes({
  tags: ['portal: reports'],
  security: partnerSecurity,
  guard: requirePartner(),
  owner: (request) => partnerOwner(request.partner!.user),
});
