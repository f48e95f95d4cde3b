import type { FastifyRequest } from 'fastify';
import type { Actor } from '../core/actor.ts';

declare module 'fastify' {
  interface FastifyRequest {
    /** Who is acting: set by requireOperator and requirePartner once the caller is authenticated. */
    actor?: Actor;
  }
}

/** The request's actor, for a core write; only routes behind an auth guard have one. */
export function actorOf(request: FastifyRequest): Actor {
  if (!request.actor) throw new Error(`${request.routeOptions.url} has no auth guard, so no actor`);
  return request.actor;
}
