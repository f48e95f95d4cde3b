import type { Db } from '../../db/index.ts';
import { patchAffiliate } from '../affiliates/patch-affiliate.ts';
import { sendEmail } from '../email/send-email.ts';
import { templates } from '../email/templates.ts';
import { AppError } from '../errors.ts';
import { displayName } from './affiliate-user.ts';
import { type Actor, type IdentityEnv, links } from './context.ts';
import { recordAffiliateEvent } from './events.ts';

export interface Decision {
  affiliateId: number;
  approve: boolean;
  /** Told to the applicant when declining. */
  reason?: string;
  actor: Actor;
}

/**
 * Approves (to active) or declines an application, through the affiliates status lifecycle, and
 * tells the applicant by email. Only a pending application (or a declined one, to approve it
 * after all) can be decided.
 */
export async function decideApplication(db: Db, env: IdentityEnv, decision: Decision): Promise<void> {
  const affiliate = await db
    .selectFrom('affiliates')
    .select(['id', 'status'])
    .where('id', '=', decision.affiliateId)
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
  await sendEmail(db, env.email, {
    template: decision.approve ? 'sign_up_approved' : 'sign_up_declined',
    to: owner.email,
    ...message,
  });
}
