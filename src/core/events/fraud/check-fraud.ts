import type { FraudMode, FraudRuleName } from '../../../db/tables/events.ts';
import type { ClickFacts } from '../attribution/attribution-types.ts';

export interface FraudRule {
  mode: FraudMode;
  params: Record<string, unknown>;
}

export const FRAUD_RULES: readonly FraudRuleName[] = [
  'bot_click',
  'fast_registration',
  'self_referral',
  'duplicate_customer',
  'country_not_allowed',
];

export const DEFAULT_FAST_REGISTRATION_SECONDS = 10;
export const DUPLICATE_MATCH_FIELDS = ['email_hash', 'ip', 'device_id'] as const;
export type DuplicateField = (typeof DUPLICATE_MATCH_FIELDS)[number];

export interface FraudHit {
  rule: FraudRuleName;
  mode: 'flag' | 'hold';
  detail: Record<string, unknown>;
}

export interface FraudSubject {
  type: string;
  occurredAt: Date;
  /** The customer's attributed affiliate after this event's decision. */
  affiliateId: number | null;
  /** The click that binds the customer, when the binding came from a click. */
  click: ClickFacts | null;
  country: string | null;
  email_hash: string | null;
  ip: string | null;
  device_id: string | null;
  /** Rules that already matched this customer: a rule flags a customer once. */
  alreadyFlagged: readonly string[];
}

export interface FraudLookups {
  /** Email hashes and addresses of each affiliate's own users. */
  affiliateIdentity(affiliateId: number): { emailHashes: ReadonlySet<string>; ips: ReadonlySet<string> };
  /** Another customer of the brand with this value, if any (its operator id). */
  otherCustomerWith(field: DuplicateField, value: string): string | null;
}

/**
 * The brand's fraud rules that this event makes true for its customer. Rules never decide
 * attribution: a match flags the customer (or holds it, so its commissions wait for the
 * operator), and the event is kept either way.
 */
export function checkFraud(
  rules: ReadonlyMap<FraudRuleName, FraudRule>,
  subject: FraudSubject,
  lookups: FraudLookups,
): FraudHit[] {
  const hits: FraudHit[] = [];
  const active = (rule: FraudRuleName) => {
    const r = rules.get(rule);
    return r && r.mode !== 'off' && !subject.alreadyFlagged.includes(rule) ? r : null;
  };
  const hit = (rule: FraudRuleName, r: FraudRule, detail: Record<string, unknown>) =>
    hits.push({ rule, mode: r.mode as 'flag' | 'hold', detail });

  const bot = active('bot_click');
  if (bot && subject.click?.is_bot) hit('bot_click', bot, { click_id: subject.click.id });

  const fast = active('fast_registration');
  if (fast && subject.type === 'registration' && subject.click) {
    const limit = Number(fast.params.seconds ?? DEFAULT_FAST_REGISTRATION_SECONDS);
    const seconds = (subject.occurredAt.getTime() - subject.click.clicked_at.getTime()) / 1000;
    if (seconds >= 0 && seconds < limit)
      hit('fast_registration', fast, { click_id: subject.click.id, seconds, limit_seconds: limit });
  }

  const self = active('self_referral');
  if (self && subject.affiliateId !== null) {
    const own = lookups.affiliateIdentity(subject.affiliateId);
    if (subject.email_hash && own.emailHashes.has(subject.email_hash))
      hit('self_referral', self, { matched: 'email_hash', affiliate_id: subject.affiliateId });
    else if (subject.ip && own.ips.has(subject.ip))
      hit('self_referral', self, { matched: 'ip', ip: subject.ip, affiliate_id: subject.affiliateId });
  }

  const duplicate = active('duplicate_customer');
  if (duplicate) {
    const fields = Array.isArray(duplicate.params.match)
      ? (duplicate.params.match as DuplicateField[])
      : DUPLICATE_MATCH_FIELDS;
    for (const field of fields) {
      const value = subject[field];
      const other = value ? lookups.otherCustomerWith(field, value) : null;
      if (other) {
        hit('duplicate_customer', duplicate, { matched: field, other_customer_id: other });
        break;
      }
    }
  }

  const country = active('country_not_allowed');
  const allowed = Array.isArray(country?.params.countries) ? (country?.params.countries as string[]) : [];
  if (country && subject.country && allowed.length > 0 && !allowed.includes(subject.country))
    hit('country_not_allowed', country, { country: subject.country, allowed });

  return hits;
}
