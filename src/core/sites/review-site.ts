import type { Db } from '../../db/index.ts';
import { inTransaction } from '../../db/transaction.ts';
import type { Actor } from '../actor.ts';
import { AppError } from '../errors.ts';
import { loadSiteRow, recordSiteChange, type SiteView, siteView } from './site-view.ts';

export type SiteReviewDecision = 'pending' | 'approved' | 'declined';

/**
 * The operator reviews a site: approved, declined (with a comment the affiliate reads) or back
 * to pending. Setting the status it already has is refused, so a double click records nothing.
 */
export async function reviewSite(options: {
  db: Db;
  actor: Actor;
  id: number;
  status: SiteReviewDecision;
  comment?: string | null;
  managerId?: number;
}): Promise<SiteView> {
  const comment = options.comment?.trim() || null;
  if (comment && comment.length > 2000) throw AppError.field('comment', 'must be at most 2000 characters');
  if (options.status === 'declined' && !comment)
    throw AppError.field('comment', 'is required: tell the affiliate why the site is declined');
  const scope = options.managerId === undefined ? {} : { managerId: options.managerId };
  return inTransaction(options.db, async (trx) => {
    const current = await loadSiteRow(trx, options.id, scope, true);
    if (current.review_status === options.status)
      throw new AppError('invalid_state', `the site is already ${current.review_status}`, {
        review_status: current.review_status,
      });
    const pending = options.status === 'pending';
    const row = await trx
      .updateTable('affiliate_sites')
      .set({
        review_status: options.status,
        review_comment: comment,
        reviewed_by: pending ? null : options.actor.name.slice(0, 200),
        reviewed_at: pending ? null : new Date(),
        updated_at: new Date(),
      })
      .where('id', '=', current.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordSiteChange(trx, {
      site: row,
      action: options.status === 'pending' ? 'reopened' : options.status,
      actor: options.actor,
      detail: { from: current.review_status, ...(comment ? { comment } : {}) },
    });
    return siteView(row);
  });
}
