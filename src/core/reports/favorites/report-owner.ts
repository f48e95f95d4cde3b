import type { Actor } from '../../actor.ts';
import { AppError } from '../../errors.ts';

/**
 * Whose favorites and requested reports: a staff user, an operator API key, or an affiliate user
 * (of `affiliateId`; the partner API's sessions and affiliate API keys both act as their user).
 */
export interface ReportOwner {
  type: 'staff' | 'api_key' | 'affiliate_user';
  id: number;
  affiliateId: number | null;
}

/** The operator API's caller as an owner. */
export function operatorOwner(actor: Actor): ReportOwner {
  if ((actor.type === 'staff' || actor.type === 'api_key') && actor.id !== null)
    return { type: actor.type, id: actor.id, affiliateId: null };
  throw new AppError('forbidden', 'saved reports belong to a staff user or an API key');
}

export function partnerOwner(user: { id: number; affiliate_id: number }): ReportOwner {
  return { type: 'affiliate_user', id: user.id, affiliateId: user.affiliate_id };
}
