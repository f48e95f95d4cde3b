import { defined, int, oneOf, time } from '../list-params.ts';
import { AUDIT_ENTITIES, type AuditQuery } from './api.ts';

/** The audit log's filters, kept in the URL so a filtered log can be shared. */
export interface AuditSearch {
  entity?: string;
  actor?: 'staff' | 'api_key' | 'cli' | 'system';
  from?: string;
  until?: string;
  page?: number;
}

export const ACTORS = [
  { value: 'staff', label: 'Staff users' },
  { value: 'api_key', label: 'API keys' },
  { value: 'cli', label: 'Command line' },
  { value: 'system', label: 'The platform' },
] as const;

const ENTITY_VALUES = AUDIT_ENTITIES.map((e) => e.value);
const ACTOR_VALUES = ACTORS.map((a) => a.value);

export function validateAuditSearch(raw: Record<string, unknown>): AuditSearch {
  return defined({
    entity: oneOf(ENTITY_VALUES, raw.entity),
    actor: oneOf(ACTOR_VALUES, raw.actor),
    from: time(raw.from),
    until: time(raw.until),
    page: int(raw.page),
  });
}

export function toAuditQuery(s: AuditSearch): AuditQuery {
  return defined({
    entity: s.entity,
    actor_type: s.actor,
    from: s.from,
    until: s.until,
    page: s.page ?? 1,
    page_size: 50,
  });
}

export const isFiltered = ({ page: _, ...filters }: AuditSearch) => Object.keys(filters).length > 0;
