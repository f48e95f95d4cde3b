import type { Db } from '../../../db/index.ts';
import type { Actor } from '../context.ts';

/**
 * Event types of the affiliate's events log. Later features append their own (bill_approved,
 * cashout_requested, payment_method_added, balance_correction_made, ...): the column is free text.
 */
export const IDENTITY_EVENT_TYPES = [
  'signed_up',
  // Someone applied with a user's address; they were emailed a notice (at most once per cooldown).
  'sign_up_attempted',
  'application_approved',
  'application_declined',
  'signed_in',
  'account_locked',
  'account_unlocked',
  'password_changed',
  'two_factor_enabled',
  'two_factor_disabled',
  'recovery_codes_regenerated',
  'session_terminated',
  'team_member_added',
  'team_member_blocked',
  'team_member_unblocked',
  'statistic_token_regenerated',
  'statistic_token_expired',
  'api_key_created',
  'api_key_revoked',
  'profile_updated',
] as const;

export interface NewAffiliateEvent {
  affiliateId: number;
  type: string;
  /** The user the event is about (the one who signed in, the team member added, ...). */
  userId?: number | null;
  actor: Actor;
  data?: Record<string, unknown>;
}

/** Appends to an affiliate's events log; pass the transaction so the event commits with its cause. */
export async function recordAffiliateEvent(db: Db, event: NewAffiliateEvent): Promise<void> {
  await db
    .insertInto('affiliate_events')
    .values({
      affiliate_id: event.affiliateId,
      type: event.type,
      affiliate_user_id: event.userId ?? null,
      actor_type: event.actor.type,
      actor_id: event.actor.id,
      actor_name: event.actor.name.slice(0, 200),
      data: JSON.stringify(event.data ?? {}),
      ip: event.actor.ip ?? null,
    })
    .execute();
}
