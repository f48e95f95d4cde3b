import type { FraudMode, FraudRuleName } from '../../../db/tables/events.ts';

/** One of a brand's fraud rules as the operator reads and sets it. */
export interface FraudRuleSetting {
  rule: FraudRuleName;
  mode: FraudMode;
  /** The rule's settings with their defaults filled in. */
  params: Record<string, unknown>;
  description: string;
  /** Null while the rule was never set (it is off). */
  updated_at: Date | null;
}

/** What each rule looks at, in the words the back office shows beside it. */
export const FRAUD_RULE_HELP: Record<FraudRuleName, string> = {
  bot_click: 'The click that brought the customer came from a bot (its user agent says so).',
  fast_registration:
    'The customer registered less than `seconds` (1 to 3600, default 10) after the click: faster than a person fills in a form.',
  self_referral:
    "The customer's email hash or IP address is one of the affiliate's own users' (their sign-in addresses count).",
  duplicate_customer:
    'Another customer of the brand has the same value of one of the `match` fields (email_hash, ip, device_id; default all three).',
  country_not_allowed:
    'The customer comes from a country outside `countries`, the two-letter codes of the countries allowed.',
};
