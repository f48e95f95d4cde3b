import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/index.ts';
import type { ActorType } from '../actor.ts';

/** Where a line comes from: the tracking catalog and plans, or the other settings. */
export const AUDIT_SOURCES = ['catalog', 'settings'] as const;
export type AuditSource = (typeof AUDIT_SOURCES)[number];

export interface AuditEntry {
  /** `catalog:12` or `settings:7`: unique over both sources. */
  id: string;
  source: AuditSource;
  entity: string;
  entity_id: string | null;
  action: string;
  /** Catalog lines name the fields changed (`{ fields: [...] }`); settings lines what changed. */
  detail: Record<string, unknown>;
  actor_type: ActorType;
  actor_id: number | null;
  actor_name: string;
  created_at: Date;
}

export interface AuditFilter {
  entity?: string;
  entity_id?: string;
  actor_type?: ActorType;
  actor_id?: number;
  from?: Date;
  until?: Date;
}

/**
 * Who changed what in the back office, newest first: the catalog's changes (brands, links, media,
 * campaigns, promos, coupon codes, fraud rules, commission plans) and the settings' (API keys,
 * staff unlocks, currencies, exchange rates, managed lists, custom tags) in one list. Affiliates'
 * own changes are in each affiliate's history.
 */
export async function listAuditLog(options: {
  db: Db;
  filter: AuditFilter;
  limit: number;
  offset: number;
}): Promise<{ data: AuditEntry[]; total: number }> {
  const { db, filter: f } = options;
  const where = (table: 'c' | 'o') => {
    const parts: RawBuilder<unknown>[] = [sql`true`];
    const col = (name: string) => sql.ref(`${table}.${name}`);
    if (f.entity !== undefined) parts.push(sql`${col('entity')} = ${f.entity}`);
    if (f.entity_id !== undefined) parts.push(sql`${col('entity_id')}::text = ${f.entity_id}`);
    if (f.actor_type !== undefined) parts.push(sql`${col('actor_type')} = ${f.actor_type}`);
    if (f.actor_id !== undefined) parts.push(sql`${col('actor_id')} = ${f.actor_id}`);
    if (f.from) parts.push(sql`${col('created_at')} >= ${f.from}`);
    if (f.until) parts.push(sql`${col('created_at')} <= ${f.until}`);
    return sql.join(parts, sql` and `);
  };
  const lines = sql`
    select 'catalog' as source, c.id, c.entity, c.entity_id::text as entity_id, c.action,
      jsonb_build_object('fields', c.fields) as detail, c.actor_type, c.actor_id, c.actor_name, c.created_at
    from catalog_changes c where ${where('c')}
    union all
    select 'settings', o.id, o.entity, o.entity_id, o.action, o.detail, o.actor_type, o.actor_id,
      o.actor_name, o.created_at
    from operator_changes o where ${where('o')}`;
  const [page, count] = await Promise.all([
    sql<Omit<AuditEntry, 'id'> & { id: string }>`
      select * from (${lines}) l order by l.created_at desc, l.source, l.id desc
      limit ${options.limit} offset ${options.offset}`.execute(db),
    sql<{ n: string }>`select count(*)::text as n from (${lines}) l`.execute(db),
  ]);
  return {
    data: page.rows.map((r) => ({ ...r, id: `${r.source}:${r.id}` })),
    total: Number(count.rows[0]?.n ?? 0),
  };
}
