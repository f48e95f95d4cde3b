import { inTransaction } from '../../../db/transaction.ts';
import { type ApplicationReview, reviewApplication } from './review-application.ts';

/**
 * Declines a pending application and tells the applicant by email, with `reason` when given. The
 * status, its history entry, the event and the email job commit together.
 */
export function declineApplication({
  db,
  reason,
  ...review
}: ApplicationReview & { reason?: string }): Promise<void> {
  return inTransaction(db, (trx) => reviewApplication(trx, review, { approve: false, reason }));
}
