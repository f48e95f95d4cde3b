import type { AffiliateListItem } from '../../../core/affiliates/search-affiliates.ts';
import type { AffiliateUser } from '../../../core/affiliates/users.ts';
import type { AffiliateMoneySummary } from '../../../core/ledger/summarize-affiliate-money.ts';
import { formatMoney, toMajorNumber } from './money.ts';
import { toEverflowStatus } from './status.ts';
import { timezoneId } from './timezones.ts';
import { languageId } from './vocabulary.ts';

/** Affluent is one network: every affiliate's network_id. */
export const NETWORK_ID = 1;

/** Unix seconds, Everflow's times; 0 for never. */
export const unix = (d: Date | string | null): number =>
  d === null ? 0 : Math.floor(new Date(d).getTime() / 1000);

/** Everflow's encoded affiliate id (`28KL6`): the id in base 36, upper case. */
export const encodedValue = (id: number) => id.toString(36).toUpperCase();

export type MinorUnits = (currency: string) => number;

/** One row of POST /v1/networks/affiliatestable, in the document's order. */
export function toTableRow(
  a: AffiliateListItem,
  money: AffiliateMoneySummary,
  minor: MinorUnits,
  relationship: Record<string, unknown>,
) {
  const unit = minor(money.currency);
  return {
    network_affiliate_id: a.id,
    network_id: NETWORK_ID,
    name: a.name,
    account_status: toEverflowStatus(a.status),
    account_manager_id: a.account_manager?.id ?? 0,
    account_manager_name: a.account_manager?.name ?? '',
    account_executive_id: a.account_executive?.id ?? 0,
    account_executive_name: a.account_executive?.name ?? '',
    today_revenue: formatMoney(money.earned, money.currency, unit),
    time_created: unix(a.created_at),
    time_saved: unix(a.updated_at),
    labels: a.labels,
    balance: toMajorNumber(money.available, unit),
    last_login: unix(a.last_login_at),
    global_tracking_domain_url: '',
    network_country_code: a.country_code ?? '',
    is_payable: a.payment_type !== 'none',
    payment_type: a.payment_type,
    ...(Object.keys(relationship).length ? { relationship } : {}),
  };
}

/** An affiliate user as Everflow shows one (the users relationship). */
export function toEverflowUser(u: AffiliateUser) {
  const im = u.skype ? { id: 1, handle: u.skype } : u.telegram ? { id: 2, handle: u.telegram } : null;
  return {
    network_affiliate_user_id: u.id,
    network_affiliate_id: u.affiliate_id,
    first_name: u.first_name,
    last_name: u.last_name,
    email: u.email,
    title: u.title,
    work_phone: u.work_phone,
    cell_phone: u.phone,
    instant_messaging_id: im?.id ?? 0,
    instant_messaging_identifier: im?.handle ?? '',
    language_id: languageId(u.language),
    timezone_id: timezoneId(u.timezone),
    currency_id: u.currency ?? '',
    account_status: u.status === 'active' ? 'active' : 'inactive',
    time_created: unix(u.created_at),
    time_saved: unix(u.updated_at),
  };
}

/** The signup relationship: when and how the affiliate applied. */
export function toEverflowSignup(signup: Record<string, unknown>) {
  const { applied_at, ...rest } = signup;
  return { time_created: unix((applied_at as Date | string | null) ?? null), ...rest };
}
