import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import { insertUsers, prepareUsers } from '../../affiliates/add-affiliate-users.ts';
import { AppError } from '../../errors.ts';
import { type AffiliateUserView, getAffiliateUser, toUserView } from '../affiliate-user.ts';
import type { Actor, IdentityEnv } from '../context.ts';
import { recordAffiliateEvent } from '../event-log/record-affiliate-event.ts';
import { sendPasswordEmail } from '../passwords/send-password-email.ts';

export interface NewTeamMember {
  email: string;
  first_name?: string;
  last_name?: string;
}

/**
 * The owner adds a user without a password; they are emailed the link to set one. It goes through
 * the same validation and history as users the operator adds.
 */
export async function addTeamMember(
  db: Db,
  env: IdentityEnv,
  input: { affiliateId: number; member: NewTeamMember; actor: Actor; inviter: string },
): Promise<AffiliateUserView> {
  const noPrefix = () => '';
  const member = { ...input.member, is_owner: false };
  const { prepared, errors } = await prepareUsers(db, [member], noPrefix);
  if (errors.length > 0) throw AppError.validation(errors);
  const ctx = {
    actor: { type: input.actor.type, id: input.actor.id, name: input.actor.name },
    source: 'portal',
  };
  const user = await inTransaction(db, async (trx) => {
    const [created] = await insertUsers(trx, input.affiliateId, prepared, ctx, noPrefix);
    await recordAffiliateEvent(trx, {
      affiliateId: input.affiliateId,
      type: 'team_member_added',
      userId: created!.id,
      actor: input.actor,
      data: { email: created!.email },
    });
    return created!;
  });
  await sendPasswordEmail(db, env, user.id, input.inviter);
  return toUserView(await getAffiliateUser(db, user.id));
}
