import { inTransaction } from '../../../db/transaction.ts';
import { queueEmail } from '../../email/email-job.ts';
import { templates } from '../../email/templates.ts';
import { AppError } from '../../errors.ts';
import { displayName, getAffiliateUser } from '../affiliate-user.ts';
import { type Actor, type IdentityDeps, links } from '../context.ts';
import { issueIdentityToken, TOKEN_TTL_HOURS } from '../identity-tokens.ts';

/**
 * Emails an affiliate user the link to set their password (no password yet: an invitation) or to
 * reset it. For users the operator created, and for support. The link and its email job are
 * written in one transaction (the caller's, when it adds the user in it).
 */
export async function sendPasswordEmail({
  db,
  env,
  jobs,
  actor,
  userId,
  inviter = actor.name,
}: IdentityDeps & {
  actor: Actor;
  userId: number;
  /** Who the invitation says it is from; the actor's name unless given. */
  inviter?: string;
}): Promise<'set_password' | 'reset_password'> {
  return inTransaction(db, async (trx) => {
    const user = await getAffiliateUser(trx, userId);
    if (user.status === 'blocked') throw new AppError('invalid_state', 'the user is blocked');
    const purpose = user.password_hash === null ? 'set_password' : 'reset_password';
    const token = await issueIdentityToken(trx, purpose, { affiliateUserId: user.id });
    const name = displayName(user);
    const message =
      purpose === 'set_password'
        ? templates.set_password({
            name,
            url: links.setPassword(env, token),
            hours: TOKEN_TTL_HOURS.set_password,
            inviter,
          })
        : templates.reset_password({
            name,
            url: links.resetPassword(env, token),
            hours: TOKEN_TTL_HOURS.reset_password,
          });
    await queueEmail(jobs, trx, { template: purpose, to: user.email, ...message });
    return purpose;
  });
}
