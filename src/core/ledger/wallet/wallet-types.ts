import { electronicFormatIBAN, isValidBIC, isValidIBAN } from 'ibantools';
import { isEmail } from '../../affiliates/formats.ts';
import {
  maskPaymentDetails,
  maskValue,
  normalizePaymentDetails,
  PAYMENT_TYPES,
  type PaymentDetails,
  type PaymentType,
  validatePaymentMethod,
} from '../../affiliates/payment-methods.ts';
import type { FieldError } from '../../errors.ts';

/** Affilka's wallet types that the account's (Everflow's) payment types do not have. */
const EXTRA_TYPES = ['coinspaid', 'neteller', 'bank_transfer', 'player_account', 'other'] as const;
type ExtraType = (typeof EXTRA_TYPES)[number];
type NativeType = Exclude<PaymentType, 'none'>;
export type WalletType = NativeType | ExtraType;
export const WALLET_TYPES: readonly WalletType[] = [
  ...(PAYMENT_TYPES.filter((t) => t !== 'none') as NativeType[]),
  ...EXTRA_TYPES,
];

type Kind = 'text' | 'email' | 'iban' | 'bic' | 'crypto';
interface Rule {
  kind: Kind;
  required: boolean;
  secret?: boolean;
}

// Ethereum-style (0x + 40 hex), Tron (T + 33 base58), Bitcoin (legacy or bech32), or another
// chain's base58/alphanumeric address of 25 to 90 characters.
const CRYPTO =
  /^(0x[0-9a-fA-F]{40}|T[1-9A-HJ-NP-Za-km-z]{33}|bc1[a-z0-9]{25,62}|[13][a-km-zA-HJ-NP-Z1-9]{25,34}|[A-Za-z0-9]{25,90})$/;

const EXTRA_FIELDS: Record<ExtraType, Record<string, Rule>> = {
  coinspaid: {
    currency: { kind: 'text', required: true },
    wallet_address: { kind: 'crypto', required: true, secret: true },
  },
  neteller: { email: { kind: 'email', required: true, secret: true } },
  bank_transfer: {
    account_holder: { kind: 'text', required: true },
    iban: { kind: 'iban', required: true, secret: true },
    bic: { kind: 'bic', required: true },
    bank_name: { kind: 'text', required: false },
    bank_address: { kind: 'text', required: false },
  },
  player_account: { player_id: { kind: 'text', required: true, secret: true } },
  other: { description: { kind: 'text', required: true } },
};

const isExtra = (type: WalletType): type is ExtraType => (EXTRA_TYPES as readonly string[]).includes(type);

/** The fields a type takes (for forms and the docs). */
export function walletFields(type: WalletType): string[] {
  if (isExtra(type)) return Object.keys(EXTRA_FIELDS[type]);
  return [];
}

function problemOf(rule: Rule, value: string): string | null {
  if (value.length > 200) return 'must be at most 200 characters';
  switch (rule.kind) {
    case 'email':
      return isEmail(value) ? null : 'enter an email like name@example.com';
    case 'iban':
      return isValidIBAN(value) ? null : 'must be a valid IBAN (its country, length and check digits)';
    case 'bic':
      return isValidBIC(value) ? null : 'must be a BIC/SWIFT code of 8 or 11 characters';
    case 'crypto':
      return CRYPTO.test(value)
        ? null
        : 'must be a wallet address (e.g. 0x and 40 hex digits, or T and 33 characters)';
    default:
      return null;
  }
}

/** Trims and normalises (IBAN without spaces, codes upper case) so equal details compare equal. */
export function normalizeWalletDetails(type: WalletType, details: PaymentDetails): PaymentDetails {
  if (!isExtra(type)) return normalizePaymentDetails(type, details);
  const rules = EXTRA_FIELDS[type];
  const out: PaymentDetails = {};
  for (const [key, value] of Object.entries(details)) {
    if (typeof value !== 'string') {
      out[key] = value;
      continue;
    }
    const v = value.trim();
    const kind = rules[key]?.kind;
    out[key] =
      kind === 'iban'
        ? (electronicFormatIBAN(v) ?? v)
        : kind === 'bic' || key === 'currency'
          ? v.toUpperCase()
          : kind === 'email'
            ? v.toLowerCase()
            : v;
  }
  return out;
}

/** Every problem of a method's details, paths under `details.`. */
export function validateWalletDetails(type: WalletType, details: PaymentDetails): FieldError[] {
  if (!isExtra(type)) {
    return validatePaymentMethod(type, details, 'x').map((e) => ({ ...e, path: e.path.slice(2) }));
  }
  const rules = EXTRA_FIELDS[type];
  const problems: FieldError[] = [];
  for (const key of Object.keys(details)) {
    if (!rules[key])
      problems.push({
        path: `details.${key}`,
        message: `is not used by ${type}; fields: ${Object.keys(rules).join(', ')}`,
      });
  }
  for (const [key, rule] of Object.entries(rules)) {
    const value = details[key];
    if (value === undefined || value === '') {
      if (rule.required) problems.push({ path: `details.${key}`, message: `is required for ${type}` });
      continue;
    }
    if (typeof value !== 'string') {
      problems.push({ path: `details.${key}`, message: 'must be text' });
      continue;
    }
    const problem = problemOf(rule, value);
    if (problem) problems.push({ path: `details.${key}`, message: problem });
  }
  return problems;
}

/** What may leave the server: secret fields show their last 4 characters (an email its domain). */
export function maskWalletDetails(type: WalletType, details: PaymentDetails): PaymentDetails {
  if (!isExtra(type)) return maskPaymentDetails(type, details);
  const rules = EXTRA_FIELDS[type];
  const out: PaymentDetails = {};
  for (const [key, value] of Object.entries(details)) {
    out[key] = rules[key]?.secret && typeof value === 'string' ? maskValue(value) : value;
  }
  return out;
}

/** Bank transfers wait for a verified statement; other types are paid as they are. */
export const needsVerification = (type: WalletType) => type === 'bank_transfer';
export const isWalletType = (value: string): value is WalletType =>
  (WALLET_TYPES as readonly string[]).includes(value);
