import type { FastifyRequest } from 'fastify';
import type { ChangeContext } from '../../../core/affiliates/state.ts';
import { actorOf } from '../../actor.ts';
import { managedBy } from '../../plugins/operator-auth.ts';

/**
 * The actor and door of a change for the affiliate history: the principal, and "back_office"
 * for a signed-in staff session (the web app), "api" for an API key, unless the route says more.
 * A limited manager's change may refer only to affiliates they manage.
 */
export function changeContext(request: FastifyRequest, source?: string): ChangeContext {
  const p = request.principal!;
  const { ip: _ip, ...actor } = actorOf(request);
  const managerId = managedBy(p);
  return {
    actor,
    source: source ?? (p.kind === 'staff' ? 'back_office' : 'api'),
    ...(managerId === null ? {} : { managerId }),
  };
}
