import type { Scope } from './scopes.ts';

export const ROLES = ['admin', 'affiliate_manager', 'finance', 'support', 'read_only'] as const;
export type Role = (typeof ROLES)[number];

/** What each operator role may do, as the scopes every operator route declares. */
export const ROLE_SCOPES: Record<Role, Scope[]> = {
  admin: ['admin'],
  affiliate_manager: ['write', 'support'],
  finance: ['finance'],
  support: ['support'],
  read_only: ['read'],
};

export const ROLE_DESCRIPTIONS: Record<Role, string> = {
  admin: 'Everything, including staff, API keys and platform settings',
  affiliate_manager: 'Manages affiliates, campaigns and commissions; can be limited to their own affiliates',
  finance: 'Bills, balances, cash-outs and payouts; reads the rest',
  support: 'Helps affiliate users (unlock, password and 2FA resets, sign-in links); reads the rest',
  read_only: 'Reads everything, changes nothing',
};

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** An unknown role (the database forbids them) grants nothing. */
export function scopesForRole(role: string): Scope[] {
  return isRole(role) ? [...ROLE_SCOPES[role]] : [];
}
