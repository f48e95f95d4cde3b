import { inTransaction } from '../../../db/transaction.ts';
import { type ApplicationReview, reviewApplication } from './review-application.ts';

/**
 * Approves a pending (or declined) application: the affiliate becomes active and is told by email.
 * The status, its history entry, the event and the email job commit together; the email is sent
 * by the job after the commit.
 */
export function approveApplication({ db, ...review }: ApplicationReview): Promise<void> {
  return inTransaction(db, (trx) => reviewApplication(trx, review, { approve: true }));
}
