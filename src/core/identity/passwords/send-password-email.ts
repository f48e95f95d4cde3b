import type { Db } from '../../../db/index.ts';
import { sendEmail } from '../../email/send-email.ts';
import { templates } from '../../email/templates.ts';
import { AppError } from '../../errors.ts';
import { displayName, getAffiliateUser } from '../affiliate-user.ts';
import { type IdentityEnv, links } from '../context.ts';
import { issueIdentityToken, TOKEN_TTL_HOURS } from '../identity-tokens.ts';

/**
 * Emails an affiliate user the link to set their password (no password yet: an invitation) or to
 * reset it. For users the operator created, and for support.
 */
export async function sendPasswordEmail(
  db: Db,
  env: IdentityEnv,
  userId: number,
  inviter: string,
): Promise<'set_password' | 'reset_password'> {
  const user = await getAffiliateUser(db, userId);
  if (user.status === 'blocked') throw new AppError('invalid_state', 'the user is blocked');
  const purpose = user.password_hash === null ? 'set_password' : 'reset_password';
  const token = await issueIdentityToken(db, purpose, { affiliateUserId: user.id });
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
  await sendEmail(db, env.email, { template: purpose, to: user.email, ...message });
  return purpose;
}
