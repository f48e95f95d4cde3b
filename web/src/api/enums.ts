/**
 * Every member of a string union from the generated schema, as a list in the order written. The
 * Record makes the compiler insist on each member and only those, so a value the server adds to
 * or drops from its enum fails the typecheck here after `npm run client:generate`.
 */
export const membersOf = <T extends string>(members: Record<T, true>): T[] => Object.keys(members) as T[];
