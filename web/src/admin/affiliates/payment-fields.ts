import type { BillingFrequency, PaymentType } from './api.ts';

/**
 * What each frequency asks for (the server checks the same rules). Keyed by the generated union,
 * so it names every frequency the server has, and the list of frequencies is read from it.
 */
export const FREQUENCY_DETAILS: Record<BillingFrequency, string[]> = {
  weekly: ['day_of_week'],
  bimonthly: ['day_of_month_one', 'day_of_month_two'],
  monthly: ['day_of_month'],
  two_months: ['starting_month', 'day_of_month'],
  quarterly: ['starting_month', 'day_of_month'],
  manual: [],
  other: [],
};
export const FREQUENCIES = Object.keys(FREQUENCY_DETAILS) as BillingFrequency[];

export const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

const BANK = [
  'bank_name',
  'bank_address',
  'account_name',
  'account_number',
  'routing_number',
  'swift_code',
  'iban',
];

/**
 * The inputs each payment type shows; `is_existing_payee` is a checkbox. Keyed by the generated
 * union like FREQUENCY_DETAILS: a payment type the server adds fails the typecheck until it is here.
 */
export const PAYMENT_DETAILS: Record<PaymentType, string[]> = {
  none: [],
  paypal: ['paypal_reception_method', 'reception_identifier'],
  check: ['payee_name', 'mailing_address'],
  wire: BANK,
  direct_deposit: BANK,
  tipalti: ['is_existing_payee', 'idap'],
  paxum: ['paxum_id'],
  veem: ['email', 'first_name', 'last_name', 'phone', 'country_iso'],
  payoneer: ['email'],
  bitcoin: ['wallet_address'],
  webmoney: ['purse'],
  capitalist: ['account_number'],
  transferwise: ['email', 'account_holder_name'],
  gift_card: ['email'],
  masspay: ['email'],
  skrill: ['email'],
};
export const PAYMENT_TYPES = Object.keys(PAYMENT_DETAILS) as PaymentType[];
