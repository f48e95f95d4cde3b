import type { FieldError } from '../errors.ts';
import { isEmail, isPhone } from './formats.ts';

/** Everflow's payment types; its "pay" (Everflow Pay) has no meaning outside Everflow. */
export const PAYMENT_TYPES = [
  'none',
  'paypal',
  'check',
  'wire',
  'direct_deposit',
  'tipalti',
  'paxum',
  'veem',
  'payoneer',
  'bitcoin',
  'webmoney',
  'capitalist',
  'transferwise',
  'gift_card',
  'masspay',
  'skrill',
] as const;
export type PaymentType = (typeof PAYMENT_TYPES)[number];

export type PaymentDetails = Record<string, string | boolean>;

type Kind = 'text' | 'email' | 'phone' | 'boolean' | 'swift' | 'country' | 'bitcoin' | 'webmoney';

interface FieldRule {
  kind: Kind;
  /** Required always, or only when the other details satisfy the predicate. */
  required: boolean | ((details: PaymentDetails) => boolean);
  /** Read back masked: the last 4 characters only, or an email's first letter and domain. */
  secret?: boolean;
  oneOf?: readonly string[];
}

const BANK: Record<string, FieldRule> = {
  bank_name: { kind: 'text', required: true },
  bank_address: { kind: 'text', required: true },
  account_name: { kind: 'text', required: true },
  account_number: { kind: 'text', required: true, secret: true },
  routing_number: { kind: 'text', required: true, secret: true },
  swift_code: { kind: 'swift', required: true },
  iban: { kind: 'text', required: false, secret: true },
};

const EMAIL_ONLY: Record<string, FieldRule> = { email: { kind: 'email', required: true, secret: true } };

/**
 * The fields each type takes. Everflow documents paxum, paypal, payoneer, veem, tipalti, wire and
 * direct deposit; the others follow what those providers need to pay someone.
 */
export const PAYMENT_FIELDS: Record<PaymentType, Record<string, FieldRule>> = {
  none: {},
  paypal: {
    paypal_reception_method: { kind: 'text', required: true, oneOf: ['email', 'phone', 'paypal_account'] },
    reception_identifier: { kind: 'text', required: true, secret: true },
  },
  check: {
    payee_name: { kind: 'text', required: true },
    mailing_address: { kind: 'text', required: true },
  },
  wire: BANK,
  direct_deposit: BANK,
  tipalti: {
    is_existing_payee: { kind: 'boolean', required: true },
    idap: { kind: 'text', required: (d) => d.is_existing_payee === true, secret: true },
  },
  paxum: { paxum_id: { kind: 'text', required: true, secret: true } },
  veem: {
    email: { kind: 'email', required: true, secret: true },
    first_name: { kind: 'text', required: true },
    last_name: { kind: 'text', required: true },
    phone: { kind: 'phone', required: true, secret: true },
    country_iso: { kind: 'country', required: true },
  },
  payoneer: EMAIL_ONLY,
  bitcoin: { wallet_address: { kind: 'bitcoin', required: true, secret: true } },
  webmoney: { purse: { kind: 'webmoney', required: true, secret: true } },
  capitalist: { account_number: { kind: 'text', required: true, secret: true } },
  transferwise: {
    email: { kind: 'email', required: true, secret: true },
    account_holder_name: { kind: 'text', required: true },
  },
  gift_card: EMAIL_ONLY,
  masspay: EMAIL_ONLY,
  skrill: EMAIL_ONLY,
};

const SWIFT = /^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$/;
const BITCOIN = /^(bc1[a-z0-9]{25,62}|[13][a-km-zA-HJ-NP-Z1-9]{25,34})$/;
const WEBMONEY = /^[A-Z]\d{12}$/;

function kindProblem(rule: FieldRule, value: string | boolean): string | null {
  if (rule.kind === 'boolean') return typeof value === 'boolean' ? null : 'must be true or false';
  if (typeof value !== 'string') return 'must be a string';
  const v = value.trim();
  if (v === '') return 'must not be empty';
  if (v.length > 200) return 'must be at most 200 characters';
  if (rule.oneOf && !rule.oneOf.includes(v)) return `must be one of: ${rule.oneOf.join(', ')}`;
  switch (rule.kind) {
    case 'email':
      return isEmail(v) ? null : 'must be an email address';
    case 'phone':
      return /^\+[1-9]\d{6,14}$/.test(v.replace(/[\s().-]/g, ''))
        ? null
        : 'must be an international phone number (+ and country code)';
    case 'swift':
      return SWIFT.test(v.toUpperCase()) ? null : 'must be a SWIFT/BIC code of 8 or 11 characters';
    case 'country':
      return /^[A-Za-z]{2}$/.test(v) ? null : 'must be a two-letter ISO country code';
    case 'bitcoin':
      return BITCOIN.test(v) ? null : 'must be a bitcoin address';
    case 'webmoney':
      return WEBMONEY.test(v.toUpperCase()) ? null : 'must be a WebMoney purse (a letter and 12 digits)';
    default:
      return null;
  }
}

/** Trims and normalises codes, so what is stored compares equal to what was meant. */
export function normalizePaymentDetails(type: PaymentType, details: PaymentDetails): PaymentDetails {
  const rules = PAYMENT_FIELDS[type];
  const out: PaymentDetails = {};
  for (const [key, value] of Object.entries(details)) {
    if (typeof value !== 'string') {
      out[key] = value;
      continue;
    }
    const kind = rules[key]?.kind;
    const v = value.trim();
    out[key] = kind === 'swift' || kind === 'country' || kind === 'webmoney' ? v.toUpperCase() : v;
  }
  if (
    type === 'paypal' &&
    out.paypal_reception_method === 'email' &&
    typeof out.reception_identifier === 'string'
  ) {
    out.reception_identifier = out.reception_identifier.toLowerCase();
  }
  return out;
}

export function validatePaymentMethod(
  type: PaymentType,
  details: PaymentDetails,
  path: string,
): FieldError[] {
  const rules = PAYMENT_FIELDS[type];
  const errors: FieldError[] = [];
  for (const key of Object.keys(details)) {
    if (!rules[key]) {
      errors.push({
        path: `${path}.details.${key}`,
        message: `is not used by payment type ${type}${Object.keys(rules).length ? `; fields: ${Object.keys(rules).join(', ')}` : ''}`,
      });
    }
  }
  for (const [key, rule] of Object.entries(rules)) {
    const value = details[key];
    const required = typeof rule.required === 'function' ? rule.required(details) : rule.required;
    if (value === undefined || value === '') {
      if (required)
        errors.push({ path: `${path}.details.${key}`, message: `is required for payment type ${type}` });
      continue;
    }
    const problem = kindProblem(rule, value);
    if (problem) errors.push({ path: `${path}.details.${key}`, message: problem });
  }
  if (type === 'paypal' && typeof details.reception_identifier === 'string') {
    const method = details.paypal_reception_method;
    const id = details.reception_identifier;
    if (method === 'email' && !isEmail(id)) {
      errors.push({ path: `${path}.details.reception_identifier`, message: 'must be an email address' });
    }
    if (method === 'phone' && !isPhone(id)) {
      errors.push({ path: `${path}.details.reception_identifier`, message: 'must be a phone number' });
    }
  }
  return errors;
}

export function maskValue(value: string): string {
  const at = value.lastIndexOf('@');
  if (at > 0) return `${value[0]}****${value.slice(at)}`;
  const visible = value.length > 4 ? value.slice(-4) : '';
  return `${'*'.repeat(Math.max(4, value.length - visible.length))}${visible}`;
}

/** What may leave the server: secret fields show only their last 4 characters. */
export function maskPaymentDetails(type: PaymentType, details: PaymentDetails): PaymentDetails {
  const rules = PAYMENT_FIELDS[type];
  const out: PaymentDetails = {};
  for (const [key, value] of Object.entries(details)) {
    out[key] = rules[key]?.secret && typeof value === 'string' ? maskValue(value) : value;
  }
  return out;
}

/**
 * A client that reads an affiliate and writes it back sends the masked values it was shown. Such a
 * value, for the same type, means "keep what is stored" rather than "store these asterisks".
 */
export function unmaskEcho(
  type: PaymentType,
  incoming: PaymentDetails,
  storedType: PaymentType,
  stored: PaymentDetails,
): PaymentDetails {
  if (type !== storedType) return incoming;
  const out: PaymentDetails = { ...incoming };
  for (const [key, value] of Object.entries(incoming)) {
    const kept = stored[key];
    if (typeof value === 'string' && typeof kept === 'string' && value === maskValue(kept)) out[key] = kept;
  }
  return out;
}
