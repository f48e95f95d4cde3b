import { sql } from 'kysely';
import type { Db } from '../../../db/index.ts';
import type { Scope } from '../../catalog/types.ts';
import { normalizeCode } from '../../reference/codes.ts';
import type { CommissionPlan, PlanFilter } from './plan.ts';
import { withDetails } from './plan-rows.ts';

/** Plans by brand and name, filtered; `q` matches the name or the description. */
export async function listPlans(options: {
  db: Db;
  filter: PlanFilter;
  limit: number;
  offset: number;
  scope?: Scope;
}): Promise<{ data: CommissionPlan[]; total: number }> {
  const { db, filter } = options;
  let query = db.selectFrom('commission_plans');
  if (filter.brand_id !== undefined) query = query.where('brand_id', '=', filter.brand_id);
  if (filter.currency !== undefined) query = query.where('currency', '=', normalizeCode(filter.currency));
  if (filter.status !== undefined) query = query.where('status', '=', filter.status);
  if (filter.is_private !== undefined) query = query.where('is_private', '=', filter.is_private);
  const q = filter.q?.trim();
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where((eb) =>
      eb.or([eb('name', 'ilike', like), eb(sql<string>`coalesce(description, '')`, 'ilike', like)]),
    );
  }
  const [rows, count] = await Promise.all([
    query
      .selectAll()
      .orderBy('brand_id')
      .orderBy(sql`lower(name)`)
      .orderBy('id')
      .limit(options.limit)
      .offset(options.offset)
      .execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { data: await withDetails(db, rows, options.scope ?? {}), total: Number(count.n) };
}
