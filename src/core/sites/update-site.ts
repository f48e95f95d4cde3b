import type { Db } from '../../db/index.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Actor } from '../actor.ts';
import { checkSiteInput, type SiteInput, type SiteValues } from './site-input.ts';
import { loadSiteRow, recordSiteChange, type SiteScope, type SiteView, siteView } from './site-view.ts';

// What was reviewed: a new address or category is a different site to the operator.
const REVIEWED: (keyof SiteValues)[] = ['url', 'category_code'];

/**
 * Changes the fields given (null clears an optional one). When the address or the category of
 * a reviewed site changes, it goes back to `pending` for a new review.
 */
export async function updateSite(options: {
  db: Db;
  actor: Actor;
  id: number;
  scope: SiteScope;
  input: SiteInput;
}): Promise<SiteView> {
  return inTransaction(options.db, async (trx) => {
    const current = await loadSiteRow(trx, options.id, options.scope, true);
    const values = await checkSiteInput(trx, options.input, current);
    const changed = (Object.keys(values) as (keyof SiteValues)[]).filter((k) => values[k] !== current[k]);
    if (changed.length === 0) return siteView(current);
    const reopen = current.review_status !== 'pending' && changed.some((k) => REVIEWED.includes(k));
    const row = await trx
      .updateTable('affiliate_sites')
      .set({
        ...values,
        updated_at: new Date(),
        ...(reopen
          ? { review_status: 'pending', review_comment: null, reviewed_by: null, reviewed_at: null }
          : {}),
      })
      .where('id', '=', current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordSiteChange(trx, {
      site: row,
      action: 'updated',
      actor: options.actor,
      detail: { fields: changed },
    });
    if (reopen) await recordSiteChange(trx, { site: row, action: 'reopened', actor: options.actor });
    return siteView(row);
  });
}
