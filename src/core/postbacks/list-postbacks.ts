import type { Db } from '../../db/index.ts';
import type { Scope } from '../catalog/types.ts';
import { type Postback, toPostback } from './postback.ts';
import { definitionsIn } from './postback-access.ts';

export interface PostbackFilter {
  affiliate_id?: number;
  scope?: string;
  campaign_id?: number;
  promo_id?: number;
  trigger?: string;
  status?: string;
}

/** Definitions the scope reaches, newest first, with the total for paging. */
export async function listPostbacks(options: {
  db: Db;
  filter: PostbackFilter;
  limit: number;
  offset: number;
  scope?: Scope;
}): Promise<{ data: Postback[]; total: number }> {
  const { filter } = options;
  let query = definitionsIn(options.db, options.scope ?? {});
  if (filter.affiliate_id !== undefined) query = query.where('affiliate_id', '=', filter.affiliate_id);
  if (filter.scope !== undefined) query = query.where('scope', '=', filter.scope as 'account');
  if (filter.campaign_id !== undefined) query = query.where('campaign_id', '=', filter.campaign_id);
  if (filter.promo_id !== undefined) query = query.where('promo_id', '=', filter.promo_id);
  if (filter.trigger !== undefined) query = query.where('trigger', '=', filter.trigger as 'registration');
  if (filter.status !== undefined) query = query.where('status', '=', filter.status as 'active');
  const [rows, count] = await Promise.all([
    query.selectAll().orderBy('id', 'desc').limit(options.limit).offset(options.offset).execute(),
    query.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { data: rows.map(toPostback), total: Number(count.n) };
}
