import { partnerSecurity, requirePartner } from '../../plugins/partner-auth.ts';
import { reportExportRoutes } from '../shared/report-export-routes.ts';

export const partnerReportExportRoutes = reportExportRoutes({
  tags: ['portal: reports'],
  security: partnerSecurity,
  guard: requirePartner(),
  scope: (request) => ({ affiliateId: request.partner!.affiliate.id }),
  description:
    'Only your own rows, and only the measurements the operator lets you see (a hidden one asked for is a 422).',
});
