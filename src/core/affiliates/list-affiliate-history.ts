import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';
import type { ActorType } from '../../db/tables/affiliates.ts';
import type { FieldChange } from './history.ts';

export interface HistoryItem {
  id: number;
  created_at: Date;
  actor: { type: ActorType; id: number | null; name: string };
  source: string;
  action: string;
  batch_id: string | null;
  changes: FieldChange[];
}

export interface HistoryQuery {
  page: number;
  pageSize: number;
  /** Only entries that changed this field (or, ending in ".", any field under it). */
  field?: string;
  source?: string;
}

/** Newest first. */
export async function listAffiliateHistory(
  db: Db,
  affiliateId: number,
  query: HistoryQuery,
): Promise<{ data: HistoryItem[]; total: number }> {
  let base = db.selectFrom('affiliate_history').where('affiliate_id', '=', affiliateId);
  if (query.source) base = base.where('source', '=', query.source);
  if (query.field) {
    const field = query.field;
    const prefix = `${field.replace(/[\\%_]/g, '\\$&')}%`;
    base = field.endsWith('.')
      ? base.where(
          sql<boolean>`exists (select 1 from jsonb_array_elements(changes) e where e ->> 'field' like ${prefix})`,
        )
      : base.where(sql<boolean>`changes @> ${JSON.stringify([{ field }])}::jsonb`);
  }
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      .orderBy('id', 'desc')
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize)
      .execute(),
    base.select((eb) => eb.fn.countAll<bigint>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    total: Number(count.n),
    data: rows.map((r) => ({
      id: Number(r.id),
      created_at: r.created_at,
      actor: { type: r.actor_type, id: r.actor_id, name: r.actor_name },
      source: r.source,
      action: r.action,
      batch_id: r.batch_id,
      changes: r.changes,
    })),
  };
}
