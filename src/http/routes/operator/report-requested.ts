import { operatorOwner } from '../../../core/reports/favorites/report-owner.ts';
import { actorOf } from '../../actor.ts';
import { operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import { requestedReportRoutes } from '../shared/requested-report-routes.ts';
import { managerScope } from './manager-scope.ts';

/** Each staff user's (or API key's) own requested reports; any role may request one. */
export const requestedReportOperatorRoutes = requestedReportRoutes({
  tags: ['reports'],
  security: operatorSecurity,
  guard: requireOperator('read'),
  owner: (request) => operatorOwner(actorOf(request)),
  scope: managerScope,
});
