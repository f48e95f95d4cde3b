import type { Db } from '../../db/index.ts';
import { inTransaction } from '../../db/transaction.ts';
import { patchAffiliate } from '../affiliates/patch-affiliate.ts';
import { queueEmail } from '../email/email-job.ts';
import { templates } from '../email/templates.ts';
import { AppError } from '../errors.ts';
import type { JobQueue } from '../jobs/job-queue.ts';
import { displayName } from './affiliate-user.ts';
import { type Actor, type IdentityEnv, links } from './context.ts';
import { recordAffiliateEvent } from './events.ts';

export interface Decision {
  db: Db;
  env: IdentityEnv;
  jobs: JobQueue;
  actor: Actor;
  affiliateId: number;
  approve: boolean;
  /** Told to the applicant when declining. */
  reason?: string;
}

/**
 * Approves (to active) or declines an application, through the affiliates status lifecycle, and
 * tells the applicant by email. Only a pending application (or a declined one, to approve it
 * after all) can be decided. The status, its history entry, the event and the email job commit
 * together; the email is sent by the job after the commit.
 */
export function decideApplication({ db, ...decision }: Decision): Promise<void> {
  return inTransaction(db, (trx) => decide(trx, decision));
}

async function decide(db: Db, decision: Omit<Decision, 'db'>): Promise<void> {
  const { env } = decision;
  const affiliate = await db
    .selectFrom('affiliates')
    .select(['id', 'status'])
    .where('id', '=', decision.affiliateId)
    .forUpdate()
    .executeTakeFirst();
  if (!affiliate) throw AppError.notFound(`affiliate ${decision.affiliateId}`);
  const allowedFrom = decision.approve ? ['pending', 'declined'] : ['pending'];
  if (!allowedFrom.includes(affiliate.status)) {
    throw new AppError(
      'invalid_state',
      `affiliate ${affiliate.id} is ${affiliate.status}, not an application to decide`,
      {
        status: affiliate.status,
      },
    );
  }
  const { type, id, name } = decision.actor;
  await patchAffiliate(
    db,
    affiliate.id,
    { status: decision.approve ? 'active' : 'declined' },
    {
      actor: { type, id, name },
      source: 'application_review',
    },
  );
  await recordAffiliateEvent(db, {
    affiliateId: affiliate.id,
    type: decision.approve ? 'application_approved' : 'application_declined',
    actor: decision.actor,
    data: decision.reason ? { reason: decision.reason } : {},
  });
  const owner = await db
    .selectFrom('affiliate_users')
    .select(['email', 'first_name', 'last_name'])
    .where('affiliate_id', '=', affiliate.id)
    .where('is_owner', '=', true)
    .executeTakeFirst();
  if (!owner) return;
  const message = decision.approve
    ? templates.sign_up_approved({ name: displayName(owner), url: links.portalSignIn(env) })
    : templates.sign_up_declined({ name: displayName(owner), reason: decision.reason?.trim() ?? '' });
  await queueEmail(decision.jobs, db, {
    template: decision.approve ? 'sign_up_approved' : 'sign_up_declined',
    to: owner.email,
    ...message,
  });
}
