import type { Db } from '../../db/index.ts';

/**
 * What each email is about. An affiliate user may unsubscribe from news, payments and reports
 * (the profile's `email_subscriptions`); account emails (passwords, sign-in, security, decisions
 * on the account, what the operator writes to the affiliate) are always sent.
 */
export const EMAIL_CATEGORIES = ['news', 'payments', 'reports'] as const;
export type EmailCategory = (typeof EMAIL_CATEGORIES)[number] | 'account';

/** Every template, by category. A template not listed is an account email: sent whatever the preferences. */
const TEMPLATE_CATEGORIES: Record<string, EmailCategory> = {
  set_password: 'account',
  reset_password: 'account',
  unlock: 'account',
  sign_up_received: 'account',
  sign_up_attempt: 'account',
  sign_up_approved: 'account',
  sign_up_declined: 'account',
  postback_disabled: 'account',
  inquiry_opened: 'account',
  inquiry_answered: 'account',
  inquiry_accepted: 'account',
  inquiry_rejected: 'account',
  message_received: 'account',
  news_published: 'news',
  bill_approved: 'payments',
  cash_out_pending: 'payments',
  cash_out_success: 'payments',
  cash_out_cancelled: 'payments',
  cash_out_refund: 'payments',
  requested_report_ready: 'reports',
};

export function emailCategory(template: string): EmailCategory {
  const listed = TEMPLATE_CATEGORIES[template];
  if (listed) return listed;
  // Every cash-out status has its own template; all of them are about payments.
  return template.startsWith('cash_out_') ? 'payments' : 'account';
}

/**
 * Whether the address belongs to an affiliate user who unsubscribed from this email's category.
 * Read when the email is sent, so unsubscribing also stops what was queued before.
 */
export async function unsubscribedFrom(db: Db, to: string, template: string): Promise<boolean> {
  const category = emailCategory(template);
  if (category === 'account') return false;
  const user = await db
    .selectFrom('affiliate_users')
    .select('email_subscriptions')
    .where('email', '=', to)
    .executeTakeFirst();
  return user !== undefined && !user.email_subscriptions.includes(category);
}
