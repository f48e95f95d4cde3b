import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import { queueEmail } from '../../email/email-job.ts';
import { templates } from '../../email/templates.ts';
import { displayName } from '../affiliate-user.ts';
import { type IdentityDeps, links } from '../context.ts';
import { issueIdentityToken, TOKEN_TTL_HOURS } from '../identity-tokens.ts';

/**
 * Emails a reset link when the address belongs to an active user, at most once per
 * PASSWORD_RESET_COOLDOWN_SECONDS while the last link is unused, so the form cannot flood a
 * mailbox. The link and its email job are written in one transaction; nothing is written for an
 * unknown address. It does not wait for the sending (the job does that after the commit), so the
 * form answers alike, and about as fast, either way.
 */
export async function sendPasswordReset({
  db,
  env,
  jobs,
  email: address,
}: IdentityDeps & {
  email: string;
}): Promise<void> {
  const email = address.trim().toLowerCase();
  await inTransaction(db, async (trx) => {
    // Locked, so two requests racing for one address send one email.
    const user = await trx
      .selectFrom('affiliate_users')
      .select(['id', 'email', 'first_name', 'last_name', 'status'])
      .where('email', '=', email)
      .forUpdate()
      .executeTakeFirst();
    if (user?.status !== 'active') return;
    if (await sentRecently(trx, user.id, env.passwordResetCooldownSeconds)) return;
    const token = await issueIdentityToken(trx, 'reset_password', { affiliateUserId: user.id });
    const message = templates.reset_password({
      name: displayName(user),
      url: links.resetPassword(env, token),
      hours: TOKEN_TTL_HOURS.reset_password,
    });
    await queueEmail(jobs, trx, { template: 'reset_password', to: user.email, ...message });
  });
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
