export const SCOPES = ['read', 'write', 'finance', 'admin'] as const;
export type Scope = (typeof SCOPES)[number];

/**
 * `admin` grants everything; `write` and `finance` each include `read`, so a key made for writing
 * can also read back what it wrote.
 */
export function hasScope(granted: readonly string[], needed: Scope): boolean {
  if (granted.includes('admin') || granted.includes(needed)) return true;
  return needed === 'read' && (granted.includes('write') || granted.includes('finance'));
}

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}
