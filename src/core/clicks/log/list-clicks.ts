import type { Selectable } from 'kysely';
import type { Db } from '../../../db/index.ts';
import type { ClicksTable } from '../../../db/tables/tracking.ts';
import { managedAffiliateIds } from '../../auth/managed-affiliates.ts';
import type { Scope } from '../../catalog/types.ts';
import { AppError, type FieldError } from '../../errors.ts';
import { firstClickIdAt } from './click-ids.ts';

const DAY = 86_400_000;
/** How far back the log looks when no start is given. */
export const DEFAULT_DAYS = 7;
/** The longest time range one request may search: the log walks clicks newest first. */
export const MAX_DAYS = 31;

export interface ClickFilter {
  from?: Date;
  to?: Date;
  affiliate_id?: number;
  campaign_id?: number;
  promo_id?: number;
  country?: string;
  device_type?: string;
  is_bot?: boolean;
  is_unique?: boolean;
  sub1?: string;
  sub2?: string;
  sub3?: string;
  sub4?: string;
  sub5?: string;
  /** The id of the last click of the previous page: this page has the older ones. */
  before?: string;
  limit?: number;
}

export type Click = Selectable<ClicksTable>;

export interface ClickLogEntry extends Click {
  affiliate_name: string | null;
  promo_title: string | null;
  promo_code: string | null;
}

const SUBS = ['sub1', 'sub2', 'sub3', 'sub4', 'sub5'] as const;

/** The time range searched: `to` defaults to now, `from` to DEFAULT_DAYS before `to`. */
export function clickWindow(filter: Pick<ClickFilter, 'from' | 'to'>): { from: Date; to: Date } {
  const to = filter.to ?? new Date();
  const from = filter.from ?? new Date(to.getTime() - DEFAULT_DAYS * DAY);
  const problems: FieldError[] = [];
  if (from.getTime() >= to.getTime()) problems.push({ path: 'from', message: 'must be before to' });
  else if (to.getTime() - from.getTime() > MAX_DAYS * DAY)
    problems.push({ path: 'from', message: `must be at most ${MAX_DAYS} days before to` });
  if (problems.length) throw AppError.validation(problems);
  return { from, to };
}

/**
 * The click log, newest first, one page at a time. The time range is a range of the primary key
 * (ids begin with their time), so the newest matching clicks are found by walking it backwards;
 * the range is bounded so a rare filter cannot walk the whole table.
 */
export async function listClicks(
  db: Db,
  filter: ClickFilter,
  scope: Scope = {},
): Promise<{ data: ClickLogEntry[]; next_before: string | null }> {
  const { from, to } = clickWindow(filter);
  const limit = filter.limit ?? 50;
  let upper = firstClickIdAt(to.getTime());
  if (filter.before !== undefined && filter.before < upper) upper = filter.before;
  let query = db
    .selectFrom('clicks')
    .selectAll()
    .where('id', '>=', firstClickIdAt(from.getTime()))
    .where('id', '<', upper)
    .where('clicked_at', '>=', from)
    .where('clicked_at', '<', to);
  if (filter.affiliate_id !== undefined) query = query.where('affiliate_id', '=', filter.affiliate_id);
  if (filter.campaign_id !== undefined) query = query.where('campaign_id', '=', filter.campaign_id);
  if (filter.promo_id !== undefined) query = query.where('promo_id', '=', filter.promo_id);
  if (filter.country) query = query.where('country', '=', filter.country.toUpperCase());
  if (filter.device_type) query = query.where('device_type', '=', filter.device_type);
  if (filter.is_bot !== undefined) query = query.where('is_bot', '=', filter.is_bot);
  if (filter.is_unique !== undefined) query = query.where('is_unique', '=', filter.is_unique);
  for (const sub of SUBS) {
    const value = filter[sub];
    if (value) query = query.where(sub, '=', value);
  }
  if (scope.affiliateId !== undefined) query = query.where('affiliate_id', '=', scope.affiliateId);
  if (scope.managerId !== undefined)
    query = query.where('affiliate_id', 'in', managedAffiliateIds(db, scope.managerId));
  const rows = await query
    .orderBy('id', 'desc')
    .limit(limit + 1)
    .execute();
  const page = rows.slice(0, limit);
  return {
    data: await withNames(db, page),
    next_before: rows.length > limit ? page[page.length - 1]!.id : null,
  };
}

/** The names beside the ids of a page of clicks, looked up once per page. */
async function withNames(db: Db, clicks: Click[]): Promise<ClickLogEntry[]> {
  if (clicks.length === 0) return [];
  const [affiliates, promos] = await Promise.all([
    db
      .selectFrom('affiliates')
      .select(['id', 'name'])
      .where('id', 'in', [...new Set(clicks.map((c) => c.affiliate_id))])
      .execute(),
    db
      .selectFrom('promos')
      .select(['id', 'title', 'code'])
      .where('id', 'in', [...new Set(clicks.map((c) => c.promo_id))])
      .execute(),
  ]);
  const names = new Map(affiliates.map((a) => [a.id, a.name]));
  const promoById = new Map(promos.map((p) => [p.id, p]));
  return clicks.map((c) => ({
    ...c,
    affiliate_name: names.get(c.affiliate_id) ?? null,
    promo_title: promoById.get(c.promo_id)?.title ?? null,
    promo_code: promoById.get(c.promo_id)?.code ?? null,
  }));
}
