// @internal: only core/auth imports this file.
import { sql } from 'kysely';
import type { Db } from '../../db/index.ts';
import { inTransaction } from '../../db/transaction.ts';
import { sendEmail } from '../email/send-email.ts';
import { templates } from '../email/templates.ts';
import { type IdentityEnv, links } from '../identity/context.ts';
import { issueIdentityToken } from '../identity/identity-tokens.ts';

/**
 * Counts a failed staff sign-in; the one that reaches LOCKOUT_ATTEMPTS locks the account and
 * emails an unlock link, as the portal does. A locked account counts no further.
 */
export async function recordFailedStaffSignIn(db: Db, env: IdentityEnv, staffUserId: number): Promise<void> {
  const locked = await inTransaction(db, async (trx) => {
    const row = await trx
      .updateTable('staff_users')
      .set({ failed_sign_in_count: sql`failed_sign_in_count + 1` })
      .where('id', '=', staffUserId)
      .where('locked_at', 'is', null)
      .returning(['email', 'name', 'failed_sign_in_count'])
      .executeTakeFirst();
    if (!row || row.failed_sign_in_count < env.lockoutAttempts) return null;
    await trx
      .updateTable('staff_users')
      .set({ locked_at: new Date() })
      .where('id', '=', staffUserId)
      .execute();
    return { row, token: await issueIdentityToken(trx, 'unlock', { staffUserId }) };
  });
  if (!locked) return;
  const message = templates.unlock({
    name: locked.row.name,
    url: links.staffUnlock(env, locked.token),
    attempts: locked.row.failed_sign_in_count,
  });
  await sendEmail(db, env.email, { template: 'unlock', to: locked.row.email, ...message });
}
