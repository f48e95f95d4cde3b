import type { Selectable } from 'kysely';
import type { Db } from '../../db/index.ts';
import type { AffiliateUsersTable } from '../../db/tables/affiliates.ts';
import { passwordProblems } from '../auth/passwords.ts';
import type { FieldError } from '../errors.ts';
import { isCurrencyCode, isEmail, isLanguage, isPhone, isTimezone, normalizeLanguage } from './formats.ts';

/** Statuses an operator sets; "blocked" belongs to the sign-in lockout of the identity work. */
export const AFFILIATE_USER_STATUSES = ['active', 'inactive'] as const;

export interface AffiliateUserFields {
  email: string;
  first_name: string;
  last_name: string;
  status: 'active' | 'inactive' | 'blocked';
  title: string;
  /** The cell (mobile) phone. */
  phone: string;
  work_phone: string;
  skype: string;
  telegram: string;
  language: string;
  timezone: string | null;
  currency: string | null;
  is_owner: boolean;
}

export type AffiliateUserInput = Partial<AffiliateUserFields> & { initial_password?: string | null };

export interface AffiliateUser extends AffiliateUserFields {
  id: number;
  affiliate_id: number;
  has_password: boolean;
  /** Locked by the sign-in lockout; support can unlock. */
  locked: boolean;
  two_factor_enabled: boolean;
  created_at: Date;
  updated_at: Date;
}

export type AffiliateUserRow = Pick<
  Selectable<AffiliateUsersTable>,
  | 'id'
  | 'affiliate_id'
  | 'email'
  | 'first_name'
  | 'last_name'
  | 'status'
  | 'is_owner'
  | 'password_hash'
  | 'title'
  | 'phone'
  | 'work_phone'
  | 'skype'
  | 'telegram'
  | 'language'
  | 'timezone'
  | 'report_currency'
  | 'locked_at'
  | 'totp_enabled_at'
  | 'created_at'
  | 'updated_at'
>;

export const USER_COLUMNS = [
  'id',
  'affiliate_id',
  'email',
  'first_name',
  'last_name',
  'status',
  'is_owner',
  'password_hash',
  'title',
  'phone',
  'work_phone',
  'skype',
  'telegram',
  'language',
  'timezone',
  'report_currency',
  'locked_at',
  'totp_enabled_at',
  'created_at',
  'updated_at',
] as const;

export function toAffiliateUser(row: AffiliateUserRow): AffiliateUser {
  return {
    id: row.id,
    affiliate_id: row.affiliate_id,
    email: row.email,
    first_name: row.first_name,
    last_name: row.last_name,
    status: row.status,
    title: row.title,
    phone: row.phone,
    work_phone: row.work_phone,
    skype: row.skype,
    telegram: row.telegram,
    language: row.language,
    timezone: row.timezone,
    currency: row.report_currency,
    is_owner: row.is_owner,
    has_password: row.password_hash !== null,
    locked: row.locked_at !== null,
    two_factor_enabled: row.totp_enabled_at !== null,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

/** Trimmed strings, lower-case email, canonical language and currency. */
export function normalizeUserInput(input: AffiliateUserInput): AffiliateUserInput {
  const out: AffiliateUserInput = { ...input };
  for (const key of [
    'first_name',
    'last_name',
    'title',
    'phone',
    'work_phone',
    'skype',
    'telegram',
  ] as const) {
    if (typeof out[key] === 'string') out[key] = out[key].trim();
  }
  if (typeof out.email === 'string') out.email = out.email.trim().toLowerCase();
  if (typeof out.language === 'string') out.language = normalizeLanguage(out.language);
  if (typeof out.currency === 'string') out.currency = out.currency.trim().toUpperCase() || null;
  if (typeof out.timezone === 'string') out.timezone = out.timezone.trim() || null;
  return out;
}

/**
 * Problems with user inputs (already normalised), including emails taken by another user or
 * repeated within the request. `prefix` is how the caller names them: `users[0].` or ``.
 */
export async function userProblems(
  db: Db,
  inputs: { input: AffiliateUserInput; prefix: string; userId?: number }[],
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const seen = new Map<string, string>();
  for (const { input, prefix } of inputs) {
    const at = (f: string) => `${prefix}${f}`;
    if (input.email !== undefined) {
      if (input.email === '') errors.push({ path: at('email'), message: 'is required' });
      else if (!isEmail(input.email))
        errors.push({ path: at('email'), message: 'enter an email like name@example.com' });
      else if (seen.has(input.email)) {
        errors.push({ path: at('email'), message: `is repeated (also given as ${seen.get(input.email)})` });
      } else seen.set(input.email, at('email'));
    }
    for (const key of ['phone', 'work_phone'] as const) {
      const v = input[key];
      if (v && !isPhone(v)) errors.push({ path: at(key), message: 'must be a phone number' });
    }
    for (const key of ['first_name', 'last_name', 'title', 'skype', 'telegram'] as const) {
      if ((input[key] ?? '').length > 200)
        errors.push({ path: at(key), message: 'must be at most 200 characters' });
    }
    if (input.language !== undefined && !isLanguage(input.language)) {
      errors.push({ path: at('language'), message: 'must be a language code such as en' });
    }
    if (input.timezone && !isTimezone(input.timezone)) {
      errors.push({ path: at('timezone'), message: 'must be an IANA time zone such as Europe/Paris' });
    }
    if (input.currency && !isCurrencyCode(input.currency)) {
      errors.push({ path: at('currency'), message: 'must be a currency code such as USD' });
    }
    if (input.initial_password) {
      const problems = passwordProblems(input.initial_password);
      if (problems.length)
        errors.push({ path: at('initial_password'), message: `must contain ${problems.join(', ')}` });
    }
  }
  const emails = [...seen.keys()];
  if (emails.length > 0) {
    const taken = await db
      .selectFrom('affiliate_users')
      .select(['id', 'email'])
      .where('email', 'in', emails)
      .execute();
    for (const row of taken) {
      const entry = inputs.find((i) => i.input.email === row.email.toLowerCase());
      if (entry && entry.userId !== row.id) {
        errors.push({ path: `${entry.prefix}email`, message: 'is already used by another affiliate user' });
      }
    }
  }
  const currencies = [
    ...new Set(inputs.map((i) => i.input.currency).filter((c): c is string => !!c && isCurrencyCode(c))),
  ];
  if (currencies.length > 0) {
    const known = new Set(
      (await db.selectFrom('currencies').select('code').where('code', 'in', currencies).execute()).map(
        (r) => r.code,
      ),
    );
    for (const { input, prefix } of inputs) {
      if (input.currency && isCurrencyCode(input.currency) && !known.has(input.currency)) {
        errors.push({ path: `${prefix}currency`, message: `unknown currency ${input.currency}` });
      }
    }
  }
  return errors;
}

/** Fields shown in history for a user; never the password. */
export function userHistoryView(user: AffiliateUser): Record<string, unknown> {
  // Lockout and 2FA belong to the events log, not to the history of what was edited.
  const { id, affiliate_id, created_at, updated_at, locked, two_factor_enabled, ...rest } = user;
  return rest;
}

/** A unique-index race lost after validation still answers 422 on the email. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: string }).code === '23505';
}
