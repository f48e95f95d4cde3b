import type { Scope } from '../../api/types.ts';

/** Every scope with what it grants; typing it as a Record makes a new server scope a compile error here. */
export const SCOPE_DESCRIPTIONS: Record<Scope, string> = {
  read: 'Read everything',
  write: 'Create and change records (includes read and support)',
  finance: 'Money and payouts (includes read)',
  support: 'Help affiliates: unlock users, send sign-in links (includes read)',
  admin: 'Everything, including API keys and settings',
  events: 'Send conversion events from your platform (POST /api/v1/events) and nothing else',
};

export const SCOPES = Object.keys(SCOPE_DESCRIPTIONS) as Scope[];
