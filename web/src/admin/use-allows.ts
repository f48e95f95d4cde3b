import { useQuery } from '@tanstack/react-query';
import { meQuery } from '../api/queries.ts';
import { allows, type Scope } from './nav.ts';

/** Whether the signed-in staff user (or API key) may do what `scope` covers; hides what they may not. */
export function useAllows(scope: Scope): boolean {
  return allows(useQuery(meQuery).data?.scopes ?? [], scope);
}
