import type { Db } from '../../db/index.ts';
import { loadSiteRow, type SiteScope, type SiteView, siteView } from './site-view.ts';

export interface SiteChangeView {
  action: string;
  detail: Record<string, unknown>;
  actor_type: string;
  actor_name: string;
  created_at: Date;
}

/** One site with its history: the affiliate's own, or a manager's affiliate's. */
export async function getSite(options: {
  db: Db;
  id: number;
  scope: SiteScope;
}): Promise<SiteView & { changes: SiteChangeView[] }> {
  const row = await loadSiteRow(options.db, options.id, options.scope);
  const changes = await options.db
    .selectFrom('affiliate_site_changes')
    .select(['action', 'detail', 'actor_type', 'actor_name', 'created_at'])
    .where('site_id', '=', row.id)
    .orderBy('id')
    .execute();
  return { ...siteView(row), changes };
}
