import type { ActorType } from '../db/tables/actor.ts';

export type { ActorType };

/**
 * Who did something: set once per request by the operator and partner auth plugins
 * (`request.actor`), given by jobs and the CLI as their own kind, and passed to every core write so
 * that histories, event logs and the catalog audit name the same actor the same way.
 */
export interface Actor {
  type: ActorType;
  /** staff, api_keys, affiliate_users or affiliate_api_keys id; null for system and CLI. */
  id: number | null;
  name: string;
  ip?: string | null;
}

export const SYSTEM: Actor = { type: 'system', id: null, name: 'system' };

export const CLI: Actor = { type: 'cli', id: null, name: 'command line' };

/** The actor as the history and event tables store it. */
export function actorColumns(actor: Actor): {
  actor_type: ActorType;
  actor_id: number | null;
  actor_name: string;
} {
  return { actor_type: actor.type, actor_id: actor.id, actor_name: actor.name };
}
