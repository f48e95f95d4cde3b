import { inTransaction } from '../../../db/transaction.ts';
import { insertUsers, prepareUsers } from '../../affiliates/add-affiliate-users.ts';
import { AppError } from '../../errors.ts';
import { type AffiliateUserView, getAffiliateUser, toUserView } from '../affiliate-user.ts';
import type { Actor, IdentityDeps } from '../context.ts';
import { recordAffiliateEvent } from '../event-log/record-affiliate-event.ts';

export interface NewTeamMember {
  email: string;
  first_name?: string;
  last_name?: string;
}

/**
 * The owner adds a user without a password; they are emailed the link to set one. It goes through
 * the same validation and history as users the operator adds; the user, the history, the event
 * and the email job commit together.
 */
export async function addTeamMember({
  db,
  env,
  jobs,
  actor,
  affiliateId,
  member,
  inviter,
}: IdentityDeps & {
  actor: Actor;
  affiliateId: number;
  member: NewTeamMember;
  /** Who the invitation says it is from. */
  inviter: string;
}): Promise<AffiliateUserView> {
  const noPrefix = () => '';
  const { prepared, errors } = await prepareUsers(db, [{ ...member, is_owner: false }], noPrefix);
  if (errors.length > 0) throw AppError.validation(errors);
  const { ip: _ip, ...historyActor } = actor;
  const user = await inTransaction(db, async (trx) => {
    const [created] = await insertUsers({
      db: trx,
      actor: historyActor,
      source: 'portal',
      affiliateId,
      prepared,
      prefix: noPrefix,
      invite: { env, jobs, inviter },
    });
    await recordAffiliateEvent(trx, {
      affiliateId,
      type: 'team_member_added',
      userId: created!.id,
      actor,
      data: { email: created!.email },
    });
    return created!;
  });
  return toUserView(await getAffiliateUser(db, user.id));
}
