import type { BillingDetails } from '../../../core/affiliates/billing-rules.ts';
import type { patchAffiliate } from '../../../core/affiliates/patch-affiliate.ts';
import type { PaymentDetails } from '../../../core/affiliates/payment-methods.ts';
import { defaultBilling } from '../../../core/affiliates/state.ts';
import type { AffiliateStatus } from '../../../core/affiliates/status.ts';
import type { AffiliateUserInput } from '../../../core/affiliates/users.ts';
import type { FieldError } from '../../../core/errors.ts';
import { toMinor } from './money.ts';
import type { CreateBodyT, UpdateBodyT } from './schemas.ts';
import { nativeStatusFor } from './status.ts';
import { timezoneById } from './timezones.ts';
import {
  dayOfWeekFromInt,
  fromEverflowPaymentType,
  languageById,
  messengerById,
  USER_MESSENGERS,
} from './vocabulary.ts';

/** The native affiliate input, as the core's partial update takes it. */
type AffiliateInput = Parameters<typeof patchAffiliate>[0]['input'];

export interface Translated<T> {
  input: T;
  /** In Everflow's names, reported with the native validation's in one answer. */
  problems: FieldError[];
}

const zeroIsNone = (n: number | undefined) => (n === undefined || n === 0 ? null : n);

/**
 * An Everflow affiliate body as the native fields it names. Every field of Everflow's body is
 * set, an omitted one to its default: Everflow's update replaces the whole affiliate ("omitting a
 * field ... will result in its default value being used or in the field getting deleted"). Native
 * fields Everflow's body has no name for (company, email, website, labels, messengers, traffic
 * sources, custom tags, referral settings, extra permissions) are not part of it and keep their
 * values. `current` is the status now (null on create), `minorUnit` the default currency's.
 */
export function translateAffiliate(
  body: UpdateBodyT,
  current: AffiliateStatus | null,
  minorUnit: number,
): Translated<AffiliateInput & { name: string; status: AffiliateStatus }> {
  const problems: FieldError[] = [];
  const addressOn = body.is_contact_address_enabled === true;
  const a = body.contact_address;
  if (addressOn && !a)
    problems.push({
      path: 'contact_address',
      message: 'is required when is_contact_address_enabled is true',
    });
  const input: AffiliateInput & { name: string; status: AffiliateStatus } = {
    name: body.name,
    status: nativeStatusFor(body.account_status, current),
    account_manager_id: zeroIsNone(body.network_employee_id),
    internal_notes: body.internal_notes === undefined ? '' : String(body.internal_notes),
    default_currency: body.default_currency_id?.trim() || null,
    media_cost_override: body.enable_media_cost_tracking_links ?? false,
    referrer_id: zeroIsNone(body.referrer_id),
    tier_id: zeroIsNone(body.network_affiliate_tier_id),
    address:
      addressOn && a
        ? {
            line1: a.address_1 ?? null,
            line2: a.address_2 ?? null,
            line3: null,
            apartment: null,
            city: a.city ?? null,
            region_code: a.region_code ?? null,
            country_code: a.country_code ?? null,
            postal_code: a.zip_postal_code ?? null,
          }
        : null,
    ...translateBilling(body.billing, minorUnit, problems),
  };
  return { input, problems };
}

function translateBilling(
  billing: UpdateBodyT['billing'],
  minorUnit: number,
  problems: FieldError[],
): Pick<AffiliateInput, 'billing' | 'payment_method'> {
  const d = defaultBilling();
  const b = billing ?? {};
  const details: BillingDetails = {};
  for (const [key, value] of Object.entries(b.details ?? {})) {
    if (value === undefined) continue;
    if (key === 'day_of_week') {
      const day = dayOfWeekFromInt(value as number);
      if (day) details.day_of_week = day;
      else
        problems.push({ path: 'billing.details.day_of_week', message: 'must be 0 (Sunday) to 6 (Saturday)' });
    } else {
      (details as Record<string, unknown>)[key] = value;
    }
  }
  let threshold = 0n;
  if (b.invoice_amount_threshold !== undefined) {
    const minor = toMinor(b.invoice_amount_threshold, minorUnit);
    if (minor === null)
      problems.push({
        path: 'billing.invoice_amount_threshold',
        message: `must be an amount with at most ${minorUnit} decimals`,
      });
    else threshold = minor;
  }
  const type = fromEverflowPaymentType(b.payment_type ?? 'none');
  if (!type.ok) problems.push({ path: 'billing.payment_type', message: type.message });
  return {
    billing: {
      frequency: b.billing_frequency ?? d.frequency,
      details,
      tax_id: b.tax_id ?? null,
      auto_invoice: b.is_invoice_creation_auto ?? false,
      auto_invoice_start_date: b.auto_invoice_start_date?.trim() || null,
      invoices_hidden_by_default: b.default_invoice_is_hidden ?? false,
      invoice_generation_delay_days: b.invoice_generation_days_delay ?? 0,
      invoice_amount_threshold: threshold,
      payment_terms_days: b.default_payment_terms ?? 0,
    },
    payment_method: {
      type: type.ok ? type.type : 'none',
      details: (type.ok && type.type !== 'none' ? (b.billing ?? {}) : {}) as PaymentDetails,
    },
  };
}

/** Everflow's users of a create as native users. */
export function translateUsers(users: NonNullable<CreateBodyT['users']>): Translated<AffiliateUserInput[]> {
  const problems: FieldError[] = [];
  const input = users.map((u, i): AffiliateUserInput => {
    const at = (f: string) => `users[${i}].${f}`;
    const out: AffiliateUserInput = {
      email: u.email,
      first_name: u.first_name ?? '',
      last_name: u.last_name ?? '',
      status: u.account_status ?? 'active',
      title: u.title ?? '',
      work_phone: u.work_phone ?? '',
      phone: u.cell_phone ?? '',
      initial_password: u.initial_password?.length ? u.initial_password : null,
    };
    if (u.language_id !== undefined && u.language_id !== 0) {
      const language = languageById(u.language_id);
      if (language) out.language = language;
      else problems.push({ path: at('language_id'), message: 'must be 1 (English)' });
    }
    if (u.timezone_id !== undefined && u.timezone_id !== 0) {
      const zone = timezoneById(u.timezone_id);
      if (zone) out.timezone = zone;
      else problems.push({ path: at('timezone_id'), message: 'is not in GET /everflow/v1/meta/timezones' });
    }
    if (u.currency_id?.trim()) out.currency = u.currency_id.trim();
    const im = u.instant_messaging_id ?? 0;
    if (im !== 0) {
      const key = messengerById(im);
      if (!key || !USER_MESSENGERS.includes(key)) {
        problems.push({
          path: at('instant_messaging_id'),
          message: 'an affiliate user holds 1 (Skype) or 2 (Telegram)',
        });
      } else if (!u.instant_messaging_identifier?.trim()) {
        problems.push({
          path: at('instant_messaging_identifier'),
          message: 'is required with an instant_messaging_id',
        });
      } else {
        out[key as 'skype' | 'telegram'] = u.instant_messaging_identifier.trim();
      }
    }
    return out;
  });
  return { input, problems };
}
