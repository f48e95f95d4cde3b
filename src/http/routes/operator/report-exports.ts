import { operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import { reportExportRoutes } from '../shared/report-export-routes.ts';
import { managerScope } from './manager-scope.ts';

export const reportExportOperatorRoutes = reportExportRoutes({
  tags: ['reports'],
  security: operatorSecurity,
  guard: requireOperator('read'),
  scope: managerScope,
  description:
    "Read scope (a POST only because the query is a body); a limited account manager's export has only their affiliates' rows.",
});
