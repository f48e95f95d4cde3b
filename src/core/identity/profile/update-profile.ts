import { inTransaction } from '../../../db/transaction.ts';
import { AppError } from '../../errors.ts';
import { assertCurrency } from '../../reference/get-currency.ts';
import type { AffiliateUserWrite } from '../context.ts';
import { recordAffiliateEvent } from '../event-log/record-affiliate-event.ts';
import { EMAIL_SUBSCRIPTIONS, getProfile, type Profile } from './get-profile.ts';

export interface ProfileChange {
  first_name?: string;
  last_name?: string;
  title?: string;
  phone?: string;
  work_phone?: string;
  skype?: string;
  telegram?: string;
  timezone?: string | null;
  language?: string;
  report_currency?: string | null;
  email_subscriptions?: string[];
}

function validTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Contact fields, language, default report currency and email subscriptions of the user. */
export async function updateProfile({
  db,
  ...input
}: AffiliateUserWrite & { change: ProfileChange }): Promise<Profile> {
  const { report_currency, timezone, email_subscriptions, language, ...text } = input.change;
  const set: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(text)) if (v !== undefined) set[k] = v.trim();
  if (language !== undefined) {
    if (!/^[a-z]{2}(-[A-Z]{2})?$/.test(language))
      throw AppError.field('language', 'must be like "en" or "pt-BR"');
    set.language = language;
  }
  if (timezone !== undefined) {
    if (timezone !== null && !validTimezone(timezone))
      throw AppError.field('timezone', 'must be an IANA time zone');
    set.timezone = timezone;
  }
  if (report_currency !== undefined) {
    set.report_currency =
      report_currency === null ? null : (await assertCurrency(db, report_currency, 'report_currency')).code;
  }
  if (email_subscriptions !== undefined) {
    const unknown = email_subscriptions.filter(
      (s) => !(EMAIL_SUBSCRIPTIONS as readonly string[]).includes(s),
    );
    if (unknown.length) {
      throw AppError.field(
        'email_subscriptions',
        `unknown ${unknown.join(', ')}; allowed: ${EMAIL_SUBSCRIPTIONS.join(', ')}`,
      );
    }
    set.email_subscriptions = [...new Set(email_subscriptions)];
  }
  if (Object.keys(set).length > 0) {
    await inTransaction(db, async (trx) => {
      await trx
        .updateTable('affiliate_users')
        .set({ ...set, updated_at: new Date() })
        .where('id', '=', input.userId)
        .where('affiliate_id', '=', input.affiliateId)
        .execute();
      await recordAffiliateEvent(trx, {
        affiliateId: input.affiliateId,
        type: 'profile_updated',
        userId: input.userId,
        actor: input.actor,
        data: { fields: Object.keys(set) },
      });
    });
  }
  return getProfile(db, input.affiliateId, input.userId);
}
