import type { Db } from '../../db/index.ts';
import { sendEmail } from '../email/send-email.ts';
import { templates } from '../email/templates.ts';
import { AppError } from '../errors.ts';
import { type AffiliateUserView, displayName, toUserView } from './affiliate-user.ts';
import { type Actor, type IdentityEnv, links } from './context.ts';
import { recordAffiliateEvent } from './events.ts';
import { issueIdentityToken, TOKEN_TTL_HOURS } from './identity-tokens.ts';

export interface NewTeamMember {
  email: string;
  first_name?: string;
  last_name?: string;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Adds a user without a password to the affiliate and emails them the link to set one. */
export async function addTeamMember(
  db: Db,
  env: IdentityEnv,
  input: { affiliateId: number; member: NewTeamMember; actor: Actor; inviter: string },
): Promise<AffiliateUserView> {
  const email = input.member.email.trim().toLowerCase();
  if (!EMAIL.test(email)) throw AppError.field('email', 'must be an email address');
  const { row, token } = await db.transaction().execute(async (trx) => {
    const row = await trx
      .insertInto('affiliate_users')
      .values({
        affiliate_id: input.affiliateId,
        email,
        first_name: input.member.first_name?.trim() ?? '',
        last_name: input.member.last_name?.trim() ?? '',
        is_owner: false,
        password_hash: null,
      })
      .onConflict((oc) => oc.column('email').doNothing())
      .returningAll()
      .executeTakeFirst();
    if (!row) throw new AppError('conflict', `a user with email ${email} already exists`, { field: 'email' });
    await recordAffiliateEvent(trx, {
      affiliateId: input.affiliateId,
      type: 'team_member_added',
      userId: row.id,
      actor: input.actor,
      data: { email },
    });
    return { row, token: await issueIdentityToken(trx, 'set_password', { affiliateUserId: row.id }) };
  });
  const message = templates.set_password({
    name: displayName(row),
    url: links.setPassword(env, token),
    hours: TOKEN_TTL_HOURS.set_password,
    inviter: input.inviter,
  });
  await sendEmail(db, env.email, { template: 'set_password', to: email, ...message });
  return toUserView(row);
}
