import type { Db } from '../../../db/index.ts';
import { EMAIL_CATEGORIES } from '../../email/email-categories.ts';
import { findAffiliateUser } from '../affiliate-user.ts';

/** What a user may unsubscribe from: the email categories other than account emails. */
export const EMAIL_SUBSCRIPTIONS = EMAIL_CATEGORIES;

export interface Profile {
  id: number;
  affiliate_id: number;
  email: string;
  first_name: string;
  last_name: string;
  title: string;
  phone: string;
  work_phone: string;
  skype: string;
  telegram: string;
  timezone: string | null;
  language: string;
  report_currency: string | null;
  email_subscriptions: string[];
  is_owner: boolean;
  two_factor_enabled: boolean;
  statistic_token: string | null;
  statistic_token_created_at: Date | null;
  last_sign_in_at: Date | null;
  created_at: Date;
}

/** The signed-in user's own account info (the statistic token is shown to its owner only). */
export async function getProfile(db: Db, affiliateId: number, userId: number): Promise<Profile> {
  const u = await findAffiliateUser(db, affiliateId, userId);
  return {
    id: u.id,
    affiliate_id: u.affiliate_id,
    email: u.email,
    first_name: u.first_name,
    last_name: u.last_name,
    title: u.title,
    phone: u.phone,
    work_phone: u.work_phone,
    skype: u.skype,
    telegram: u.telegram,
    timezone: u.timezone,
    language: u.language,
    report_currency: u.report_currency,
    email_subscriptions: u.email_subscriptions,
    is_owner: u.is_owner,
    two_factor_enabled: u.totp_enabled_at !== null,
    statistic_token: u.statistic_token,
    statistic_token_created_at: u.statistic_token_created_at,
    last_sign_in_at: u.last_sign_in_at,
    created_at: u.created_at,
  };
}
