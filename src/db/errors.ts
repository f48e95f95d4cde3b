/** PostgreSQL's unique_violation, raised the same way by pg and PGlite. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: string; constraint?: string };
  return e?.code === '23505' && (constraint === undefined || e.constraint === constraint);
}

/** The traffic-source trigger (0005) raises check_violation when a set source would change. */
export function isCheckViolation(error: unknown): boolean {
  return (error as { code?: string })?.code === '23514';
}
