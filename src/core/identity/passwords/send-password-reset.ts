import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import { sendEmail } from '../../email/send-email.ts';
import { templates } from '../../email/templates.ts';
import { displayName } from '../affiliate-user.ts';
import { type IdentityEnv, links } from '../context.ts';
import { issueIdentityToken, TOKEN_TTL_HOURS } from '../identity-tokens.ts';

/**
 * Emails a reset link when the address belongs to an active user, at most once per
 * PASSWORD_RESET_COOLDOWN_SECONDS while the last link is unused, so the form cannot flood a
 * mailbox. Runs after the answer to the form (which is the same either way): deferred work, or a
 * job with `{ email }` as its payload.
 */
export async function sendPasswordReset(db: Db, env: IdentityEnv, input: { email: string }): Promise<void> {
  const email = input.email.trim().toLowerCase();
  const issued = await inTransaction(db, async (trx) => {
    // Locked, so two requests racing for one address send one email.
    const user = await trx
      .selectFrom('affiliate_users')
      .select(['id', 'email', 'first_name', 'last_name', 'status'])
      .where('email', '=', email)
      .forUpdate()
      .executeTakeFirst();
    if (user?.status !== 'active') return null;
    if (await sentRecently(trx, user.id, env.passwordResetCooldownSeconds)) return null;
    return { user, token: await issueIdentityToken(trx, 'reset_password', { affiliateUserId: user.id }) };
  });
  if (!issued) return;
  const message = templates.reset_password({
    name: displayName(issued.user),
    url: links.resetPassword(env, issued.token),
    hours: TOKEN_TTL_HOURS.reset_password,
  });
  await sendEmail(db, env.email, { template: 'reset_password', to: issued.user.email, ...message });
}

/**
 * Whether an unused reset link was issued within the cooldown. Read from expires_at (issue time
 * plus the link's lifetime), which the application's clock wrote, rather than created_at.
 */
async function sentRecently(db: Db, userId: number, cooldownSeconds: number): Promise<boolean> {
  if (cooldownSeconds === 0) return false;
  const issuedAfter = Date.now() - cooldownSeconds * 1000;
  const row = await db
    .selectFrom('identity_tokens')
    .select('token_hash')
    .where('affiliate_user_id', '=', userId)
    .where('purpose', '=', 'reset_password')
    .where('used_at', 'is', null)
    .where('expires_at', '>', new Date(issuedAfter + TOKEN_TTL_HOURS.reset_password * 3_600_000))
    .executeTakeFirst();
  return row !== undefined;
}
