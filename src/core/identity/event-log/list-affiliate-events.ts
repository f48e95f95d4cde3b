import type { Db } from '../../../db/index.ts';

export interface AffiliateEventView {
  id: number;
  type: string;
  created_at: Date;
  user: { id: number; email: string } | null;
  actor: { type: string; id: number | null; name: string };
  data: Record<string, unknown>;
  ip: string | null;
}

export interface EventFilters {
  types?: string[];
  userId?: number;
  /** Paging: events older than this id. */
  beforeId?: number;
  limit: number;
}

/** Newest first; `next_before_id` pages on while there may be more. */
export async function listAffiliateEvents(
  db: Db,
  affiliateId: number,
  filters: EventFilters,
): Promise<{ data: AffiliateEventView[]; next_before_id: number | null }> {
  let query = db
    .selectFrom('affiliate_events as e')
    .leftJoin('affiliate_users as u', 'u.id', 'e.affiliate_user_id')
    .select([
      'e.id',
      'e.type',
      'e.created_at',
      'e.affiliate_user_id',
      'u.email as user_email',
      'e.actor_type',
      'e.actor_id',
      'e.actor_name',
      'e.data',
      'e.ip',
    ])
    .where('e.affiliate_id', '=', affiliateId)
    .orderBy('e.id', 'desc')
    .limit(filters.limit + 1);
  if (filters.types?.length) query = query.where('e.type', 'in', filters.types);
  if (filters.userId !== undefined) query = query.where('e.affiliate_user_id', '=', filters.userId);
  if (filters.beforeId !== undefined) query = query.where('e.id', '<', BigInt(filters.beforeId));
  const rows = await query.execute();
  const page = rows.slice(0, filters.limit);
  return {
    data: page.map((r) => ({
      id: Number(r.id),
      type: r.type,
      created_at: r.created_at,
      user: r.affiliate_user_id !== null ? { id: r.affiliate_user_id, email: r.user_email ?? '' } : null,
      actor: { type: r.actor_type, id: r.actor_id, name: r.actor_name },
      data: r.data,
      ip: r.ip,
    })),
    next_before_id: rows.length > filters.limit ? Number(page.at(-1)!.id) : null,
  };
}
