/** Who did something, as the history, event and audit tables store it (core/actor.ts). */
export type ActorType = 'staff' | 'api_key' | 'affiliate_user' | 'affiliate_api_key' | 'system' | 'cli';
