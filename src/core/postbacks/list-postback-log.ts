import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';
import { managedAffiliateIds } from '../auth/managed-affiliates.ts';
import type { Scope } from '../catalog/types.ts';

export interface PostbackLogFilter {
  affiliate_id?: number;
  definition_id?: number;
  delivery_id?: number;
  /** Attempts at or after / before these times. */
  from?: Date;
  to?: Date;
  /** Part of the URL sent, any case. */
  url?: string;
  action?: string;
  response_code?: number;
  outcome?: string;
  /** A campaign id, or part of its name. */
  campaign?: string;
  /** A promo id, or its code. */
  promo?: string;
}

export interface PostbackAttempt {
  id: number;
  delivery_id: number;
  definition_id: number;
  affiliate_id: number;
  campaign_id: number | null;
  campaign_name: string | null;
  promo_id: number | null;
  promo_code: string | null;
  action: string;
  test: boolean;
  attempted_at: string;
  method: string;
  url: string;
  attempt: number;
  outcome: 'delivered' | 'retry' | 'failed' | 'served';
  response_code: number | null;
  response_ms: number | null;
  response_body: string | null;
  error: string | null;
  next_retry_at: string | null;
}

const escapeLike = (value: string) => value.replace(/[\\%_]/g, (c) => `\\${c}`);

function logQuery(db: Db, filter: PostbackLogFilter, scope: Scope) {
  let query = db
    .selectFrom('postback_attempts as a')
    .leftJoin('campaigns as c', 'c.id', 'a.campaign_id')
    .leftJoin('promos as p', 'p.id', 'a.promo_id');
  if (scope.affiliateId !== undefined) query = query.where('a.affiliate_id', '=', scope.affiliateId);
  if (scope.managerId !== undefined)
    query = query.where('a.affiliate_id', 'in', managedAffiliateIds(db, scope.managerId));
  if (filter.affiliate_id !== undefined) query = query.where('a.affiliate_id', '=', filter.affiliate_id);
  if (filter.definition_id !== undefined) query = query.where('a.definition_id', '=', filter.definition_id);
  if (filter.delivery_id !== undefined) query = query.where('a.delivery_id', '=', BigInt(filter.delivery_id));
  if (filter.from) query = query.where('a.attempted_at', '>=', filter.from);
  if (filter.to) query = query.where('a.attempted_at', '<', filter.to);
  if (filter.url) query = query.where(sql<boolean>`a.url ilike ${`%${escapeLike(filter.url)}%`}`);
  if (filter.action) query = query.where('a.trigger', '=', filter.action as 'registration');
  if (filter.response_code !== undefined) query = query.where('a.response_code', '=', filter.response_code);
  if (filter.outcome) query = query.where('a.outcome', '=', filter.outcome as 'delivered');
  const campaign = filter.campaign?.trim();
  if (campaign) {
    const pattern = `%${escapeLike(campaign)}%`;
    query = /^\d{1,9}$/.test(campaign)
      ? query.where((eb) =>
          eb.or([eb('a.campaign_id', '=', Number(campaign)), eb(sql`c.name`, 'ilike', pattern)]),
        )
      : query.where(sql<boolean>`c.name ilike ${pattern}`);
  }
  const promo = filter.promo?.trim();
  if (promo) {
    query = /^\d{1,9}$/.test(promo)
      ? query.where((eb) =>
          eb.or([eb('a.promo_id', '=', Number(promo)), eb(sql`lower(p.code)`, '=', promo.toLowerCase())]),
        )
      : query.where(sql<boolean>`lower(p.code) = ${promo.toLowerCase()}`);
  }
  return query;
}

/** The delivery log, newest attempt first: every attempt with what was sent and what came back. */
export async function listPostbackLog(options: {
  db: Db;
  filter: PostbackLogFilter;
  limit: number;
  offset: number;
  scope?: Scope;
}): Promise<{ data: PostbackAttempt[]; total: number }> {
  const query = logQuery(options.db, options.filter, options.scope ?? {});
  const [rows, count] = await Promise.all([
    query
      .selectAll('a')
      .select(['c.name as campaign_name', 'p.code as promo_code'])
      .orderBy('a.id', 'desc')
      .limit(options.limit)
      .offset(options.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return {
    data: rows.map((r) => ({
      id: Number(r.id),
      delivery_id: Number(r.delivery_id),
      definition_id: r.definition_id,
      affiliate_id: r.affiliate_id,
      campaign_id: r.campaign_id,
      campaign_name: r.campaign_name,
      promo_id: r.promo_id,
      promo_code: r.promo_code,
      action: r.trigger,
      test: r.test,
      attempted_at: r.attempted_at.toISOString(),
      method: r.method,
      url: r.url,
      attempt: r.attempt,
      outcome: r.outcome,
      response_code: r.response_code,
      response_ms: r.response_ms,
      response_body: r.response_body,
      error: r.error,
      next_retry_at: r.next_retry_at?.toISOString() ?? null,
    })),
    total: Number(count.n),
  };
}
