import type { Db } from '../../../db/index.ts';
import { createAffiliate } from '../../affiliates/create-affiliate.ts';
import { isEmail } from '../../affiliates/formats.ts';
import { resolveReferralCode } from '../../affiliates/referral-link.ts';
import { hashPassword, passwordProblems } from '../../auth/passwords.ts';
import { sendEmail } from '../../email/send-email.ts';
import { templates } from '../../email/templates.ts';
import { AppError, type FieldError } from '../../errors.ts';
import { displayName } from '../affiliate-user.ts';
import { type IdentityEnv, links } from '../context.ts';
import { recordAffiliateEvent } from '../event-log/record-affiliate-event.ts';

export interface SignUpInput {
  email: string;
  password: string;
  first_name: string;
  last_name: string;
  company_name?: string;
  website_url?: string;
  phone?: string;
  country_code?: string;
  /** The applicant's main traffic source: an active one of the operator's list. */
  traffic_source_id?: number;
  terms_accepted: boolean;
  /** From a sub-affiliate link (?ref=<referral code or affiliate id>): that affiliate becomes the referrer. */
  ref?: string;
  ip?: string | null;
  userAgent?: string | null;
  referrerUrl?: string | null;
}

const SIGN_UP_ACTOR = { type: 'system', id: null, name: 'sign-up form' } as const;

/** Paths of the affiliates core (users[0].email) named as the sign-up form names them. */
function formPath(path: string): string {
  const user = /^users\[0\]\.(.+)$/.exec(path)?.[1];
  if (user) return user === 'initial_password' ? 'password' : user;
  return path === 'address.country_code' ? 'country_code' : path;
}

/**
 * What the form's own fields break, found before the affiliate's checks so that one answer lists
 * every problem (the schema only checks types): empty names, the email, password and terms.
 */
function formProblems(input: SignUpInput): FieldError[] {
  const problems: FieldError[] = [];
  for (const key of ['first_name', 'last_name'] as const) {
    if (!input[key].trim()) problems.push({ path: key, message: 'is required' });
  }
  const email = input.email.trim();
  if (!email) problems.push({ path: 'email', message: 'is required' });
  else if (!isEmail(email.toLowerCase()))
    problems.push({ path: 'email', message: 'enter an email like name@example.com' });
  const weak = passwordProblems(input.password);
  if (!input.password) problems.push({ path: 'password', message: 'is required' });
  else if (weak.length > 0) problems.push({ path: 'password', message: `must contain ${weak.join(', ')}` });
  if (input.terms_accepted !== true)
    problems.push({ path: 'terms_accepted', message: 'must be accepted to apply' });
  return problems;
}

/**
 * The affiliates core's problems named as the form names them, one per field (the form's own
 * come first and win); the affiliate's name is made of the person's, so it is not repeated.
 */
function formErrors(fields: FieldError[]): FieldError[] {
  const out = new Map<string, FieldError>();
  for (const f of fields) {
    const path = formPath(f.path);
    if (!out.has(path)) out.set(path, { ...f, path });
  }
  if (out.has('first_name') || out.has('last_name')) out.delete('name');
  return [...out.values()];
}

/**
 * The referring affiliate of a sub-affiliate link: `ref` is its referral code (from
 * `/r/<code>`) or its id. One that cannot refer (unknown, not active) is ignored: the application
 * still goes through, without a referrer.
 */
async function referrerId(db: Db, ref: string | undefined): Promise<number | null> {
  const value = ref?.trim();
  if (!value) return null;
  if (!/^\d{1,9}$/.test(value))
    return /^[a-z0-9]{4,32}$/i.test(value) ? resolveReferralCode(db, value) : null;
  const row = await db
    .selectFrom('affiliates')
    .select('id')
    .where('id', '=', Number(value))
    .where('status', '=', 'active')
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * The public application form: a pending affiliate with its owner user (who can sign in once the
 * operator approves), the terms acceptance recorded with the request's origin. An address that
 * already has an account is answered exactly like a new one (the form must not tell who has an
 * account): nothing is created, and the address's owner is emailed a notice instead. Returns the
 * new affiliate's id, or null for such an address; callers must not show which.
 */
export async function signUp(
  db: Db,
  env: IdentityEnv,
  input: SignUpInput,
): Promise<{ affiliateId: number; userId: number } | null> {
  const problems = formProblems(input);
  const first = input.first_name.trim();
  const last = input.last_name.trim();
  const company = input.company_name?.trim() || null;
  const referrer = await referrerId(db, input.ref);
  let affiliateId: number;
  try {
    affiliateId = await createAffiliate(
      db,
      {
        name: company ?? `${first} ${last}`.trim(),
        status: 'pending',
        company_name: company,
        contact_name: `${first} ${last}`.trim() || null,
        email: input.email.trim().toLowerCase(),
        phone: input.phone?.trim() || null,
        website_url: input.website_url?.trim() || null,
        referrer_id: referrer,
        ...(input.country_code ? { address: { country_code: input.country_code.trim().toUpperCase() } } : {}),
        traffic_source_id: input.traffic_source_id ?? null,
        users: [
          {
            email: input.email,
            first_name: first,
            last_name: last,
            initial_password: input.password,
            is_owner: true,
          },
        ],
      },
      { actor: SIGN_UP_ACTOR, source: 'portal_sign_up' },
      problems,
    );
  } catch (error) {
    if (error instanceof AppError && error.code === 'validation_failed') {
      const fields = formErrors((error.details as { fields?: FieldError[] })?.fields ?? []);
      const existing = fields.some((f) => f.path === 'email') ? await userByEmail(db, input.email) : null;
      // The other fields are judged as for a new address, so a bad one answers alike either way.
      const others = existing ? fields.filter((f) => f.path !== 'email') : fields;
      if (others.length > 0 || !existing) throw AppError.validation(others);
      await answerTakenAddress(db, env, existing, input.password);
      return null;
    }
    throw error;
  }
  const user = await db
    .selectFrom('affiliate_users')
    .select(['id', 'email'])
    .where('affiliate_id', '=', affiliateId)
    .executeTakeFirstOrThrow();
  const now = new Date();
  await db
    .updateTable('affiliates')
    .set({
      signup_info: JSON.stringify({
        terms_accepted_at: now.toISOString(),
        ip: input.ip ?? null,
        user_agent: input.userAgent?.slice(0, 512) ?? null,
        referrer_url: input.referrerUrl?.slice(0, 2048) ?? null,
        ref: input.ref ?? null,
      }),
    })
    .where('id', '=', affiliateId)
    .execute();
  await recordAffiliateEvent(db, {
    affiliateId,
    type: 'signed_up',
    userId: user.id,
    actor: { type: 'affiliate_user', id: user.id, name: user.email, ip: input.ip },
    data: { referrer_id: referrer },
  });
  const message = templates.sign_up_received({ name: first, company: company ?? '' });
  await sendEmail(db, env.email, { template: 'sign_up_received', to: user.email, ...message });
  return { affiliateId, userId: user.id };
}

async function userByEmail(db: Db, email: string) {
  const row = await db
    .selectFrom('affiliate_users')
    .select(['email', 'first_name', 'last_name'])
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
  return row ?? null;
}

/**
 * What an application with a taken address does instead of failing: the same slow work as a new
 * one (hashing the password) and one email, to the address's owner, at most once per cooldown.
 */
async function answerTakenAddress(
  db: Db,
  env: IdentityEnv,
  user: { email: string; first_name: string; last_name: string },
  password: string,
): Promise<void> {
  await hashPassword(password);
  if (await noticeSentRecently(db, user.email, env.passwordResetCooldownSeconds)) return;
  const message = templates.sign_up_attempt({
    name: displayName(user),
    signInUrl: links.portalSignIn(env),
  });
  await sendEmail(db, env.email, { template: 'sign_up_attempt', to: user.email, ...message });
}

async function noticeSentRecently(db: Db, to: string, cooldownSeconds: number): Promise<boolean> {
  if (cooldownSeconds === 0) return false;
  const row = await db
    .selectFrom('email_messages')
    .select('id')
    .where('to_address', '=', to)
    .where('template', '=', 'sign_up_attempt')
    .where('created_at', '>', new Date(Date.now() - cooldownSeconds * 1000))
    .executeTakeFirst();
  return row !== undefined;
}
