// @internal: one status change of an inquiry, in its history and the affiliate's events log
import type { Db } from '../../../db/index.ts';
import type { InquiryStatus } from '../../../db/tables/correspondence.ts';
import { type Actor, actorColumns } from '../../actor.ts';
import { recordAffiliateEvent } from '../../identity/event-log/record-affiliate-event.ts';

const EVENT: Record<InquiryStatus, string> = {
  open: 'inquiry_opened',
  answered: 'inquiry_answered',
  accepted: 'inquiry_accepted',
  rejected: 'inquiry_rejected',
};

export async function recordInquiryChange(
  trx: Db,
  change: {
    inquiryId: number;
    affiliateId: number;
    from: InquiryStatus | null;
    to: InquiryStatus;
    comment?: string | null;
    actor: Actor;
  },
): Promise<void> {
  await trx
    .insertInto('inquiry_changes')
    .values({
      inquiry_id: change.inquiryId,
      from_status: change.from,
      to_status: change.to,
      comment: change.comment ?? null,
      ...actorColumns(change.actor),
      actor_name: change.actor.name.slice(0, 200),
    })
    .execute();
  await recordAffiliateEvent(trx, {
    affiliateId: change.affiliateId,
    type: EVENT[change.to],
    actor: change.actor,
    data: { inquiry_id: change.inquiryId, ...(change.comment ? { comment: change.comment } : {}) },
  });
}
