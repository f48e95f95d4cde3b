// @internal: only core/affiliates imports this file (approve-application.ts and decline-application.ts share it).
import type { Db } from '../../../db/index.ts';
import { queueEmail } from '../../email/email-job.ts';
import { templates } from '../../email/templates.ts';
import { AppError } from '../../errors.ts';
import { displayName } from '../../identity/affiliate-user.ts';
import { type Actor, type IdentityEnv, links } from '../../identity/context.ts';
import { recordAffiliateEvent } from '../../identity/event-log/record-affiliate-event.ts';
import type { JobQueue } from '../../jobs/job-queue.ts';
import { patchAffiliate } from '../patch-affiliate.ts';

export interface ApplicationReview {
  db: Db;
  env: IdentityEnv;
  jobs: JobQueue;
  actor: Actor;
  affiliateId: number;
}

type Outcome = { approve: true } | { approve: false; reason?: string };

/**
 * Moves an application to active or declined through the affiliates status lifecycle and queues
 * the email that tells the applicant, all in `db`, the caller's transaction. Only a pending
 * application (or a declined one, to approve it after all) can be decided.
 */
export async function reviewApplication(
  db: Db,
  review: Omit<ApplicationReview, 'db'>,
  outcome: Outcome,
): Promise<void> {
  const { env } = review;
  const affiliate = await db
    .selectFrom('affiliates')
    .select(['id', 'status'])
    .where('id', '=', review.affiliateId)
    .forUpdate()
    .executeTakeFirst();
  if (!affiliate) throw AppError.notFound(`affiliate ${review.affiliateId}`);
  const allowedFrom = outcome.approve ? ['pending', 'declined'] : ['pending'];
  if (!allowedFrom.includes(affiliate.status)) {
    throw new AppError(
      'invalid_state',
      `affiliate ${affiliate.id} is ${affiliate.status}, not an application to decide`,
      {
        status: affiliate.status,
      },
    );
  }
  const reason = outcome.approve ? undefined : outcome.reason;
  const { type, id, name } = review.actor;
  await patchAffiliate({
    db,
    actor: { type, id, name },
    source: 'application_review',
    id: affiliate.id,
    input: { status: outcome.approve ? 'active' : 'declined' },
  });
  await recordAffiliateEvent(db, {
    affiliateId: affiliate.id,
    type: outcome.approve ? 'application_approved' : 'application_declined',
    actor: review.actor,
    data: reason ? { reason } : {},
  });
  const owner = await db
    .selectFrom('affiliate_users')
    .select(['email', 'first_name', 'last_name'])
    .where('affiliate_id', '=', affiliate.id)
    .where('is_owner', '=', true)
    .executeTakeFirst();
  if (!owner) return;
  const message = outcome.approve
    ? templates.sign_up_approved({ name: displayName(owner), url: links.portalSignIn(env) })
    : templates.sign_up_declined({ name: displayName(owner), reason: reason?.trim() ?? '' });
  await queueEmail(review.jobs, db, {
    template: outcome.approve ? 'sign_up_approved' : 'sign_up_declined',
    to: owner.email,
    ...message,
  });
}
