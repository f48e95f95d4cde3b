import { operatorOwner } from '../../../core/reports/favorites/report-owner.ts';
import { actorOf } from '../../actor.ts';
import { operatorSecurity, requireOperator } from '../../plugins/operator-auth.ts';
import { reportFavoriteRoutes } from '../shared/report-favorite-routes.ts';

/** Each staff user's (or API key's) own saved reports; any role may keep them. */
export const reportFavoriteOperatorRoutes = reportFavoriteRoutes({
  tags: ['reports'],
  security: operatorSecurity,
  guard: requireOperator('read'),
  owner: (request) => operatorOwner(actorOf(request)),
});
