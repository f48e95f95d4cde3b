import type { Db } from '../../db/index.ts';
import { sendEmail } from '../email/send-email.ts';
import { templates } from '../email/templates.ts';
import { displayName } from './affiliate-user.ts';
import { type IdentityEnv, links } from './context.ts';
import { issueIdentityToken, TOKEN_TTL_HOURS } from './identity-tokens.ts';

/**
 * Emails a reset link when the address belongs to an active user. The caller answers the same
 * whether or not it does, so the form cannot tell who has an account.
 */
export async function requestPasswordReset(db: Db, env: IdentityEnv, email: string): Promise<void> {
  const user = await db
    .selectFrom('affiliate_users')
    .select(['id', 'email', 'first_name', 'last_name', 'status'])
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
  if (user?.status !== 'active') return;
  const token = await issueIdentityToken(db, 'reset_password', { affiliateUserId: user.id });
  const message = templates.reset_password({
    name: displayName(user),
    url: links.resetPassword(env, token),
    hours: TOKEN_TTL_HOURS.reset_password,
  });
  await sendEmail(db, env.email, { template: 'reset_password', to: user.email, ...message });
}
