export const SCOPES = ['read', 'write', 'finance', 'admin', 'support', 'events'] as const;
export type Scope = (typeof SCOPES)[number];

/**
 * `admin` grants everything; `write`, `finance` and `support` each include `read`, so a key made
 * for writing can also read back what it wrote; `write` also includes `support` (what an
 * affiliate manager does for their affiliates: unlock users, sign-in links). `events` is for the
 * operator's platform sending server-to-server events: it sends, and reads nothing else.
 */
export function hasScope(granted: readonly string[], needed: Scope): boolean {
  if (granted.includes('admin') || granted.includes(needed)) return true;
  if (needed === 'support') return granted.includes('write');
  return (
    needed === 'read' &&
    (granted.includes('write') || granted.includes('finance') || granted.includes('support'))
  );
}

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}
