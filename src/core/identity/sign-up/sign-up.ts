import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import { createAffiliate } from '../../affiliates/create-affiliate.ts';
import { isEmail } from '../../affiliates/formats.ts';
import { resolveReferralCode } from '../../affiliates/referral-link.ts';
import { hashPassword, passwordProblems } from '../../auth/passwords.ts';
import { queueEmail } from '../../email/email-job.ts';
import { templates } from '../../email/templates.ts';
import { AppError, type FieldError } from '../../errors.ts';
import { acceptTermsAtSignUp } from '../../terms/accept-terms-at-sign-up.ts';
import { displayName } from '../affiliate-user.ts';
import { type IdentityDeps, links } from '../context.ts';
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
  /**
   * The code of the promo whose sub-affiliate link brought the applicant (its landing passes
   * `promo={{promo_code}}`): recorded with the application, and its affiliate becomes the referrer.
   */
  promo?: string;
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
 * The promo of a sub-affiliate link (one whose landing is for sub-affiliates), enabled, of an
 * affiliate that can still refer; any other code is ignored like an unknown `ref`.
 */
async function referralPromo(db: Db, code: string | undefined) {
  const value = code?.trim();
  if (!value || value.length > 64) return null;
  const row = await db
    .selectFrom('promos')
    .innerJoin('destination_links', 'destination_links.id', 'promos.destination_link_id')
    .innerJoin('affiliates', 'affiliates.id', 'promos.affiliate_id')
    .select(['promos.code', 'promos.affiliate_id'])
    .where('promos.code', '=', value)
    .where('promos.enabled', '=', true)
    .where('destination_links.audience', '=', 'sub_affiliates')
    .where('affiliates.status', '=', 'active')
    .executeTakeFirst();
  return row ?? null;
}

/**
 * The public application form: a pending affiliate with its owner user (who can sign in once the
 * operator approves), the terms acceptance recorded with the request's origin, the signed_up event
 * and the "application received" email job, all in one transaction. An address that already has
 * an account is answered exactly like a new one (the form must not tell who has an account):
 * nothing is created, and the address's owner is emailed a notice instead. Returns the new
 * affiliate's ids, or null for such an address; callers must not show which.
 */
export async function signUp({
  db,
  env,
  jobs,
  input,
}: IdentityDeps & {
  input: SignUpInput;
}): Promise<{ affiliateId: number; userId: number } | null> {
  const problems = formProblems(input);
  const first = input.first_name.trim();
  const last = input.last_name.trim();
  const company = input.company_name?.trim() || null;
  const promo = await referralPromo(db, input.promo);
  const named = await referrerId(db, input.ref);
  // A referral code and a promo of two different affiliates: the code names the referrer, and
  // the promo, not being one of the referrer's, is not recorded.
  const referrer = named ?? promo?.affiliate_id ?? null;
  const promoCode = promo && promo.affiliate_id === referrer ? promo.code : null;
  let userId = 0;
  try {
    const affiliateId = await createAffiliate({
      db,
      actor: SIGN_UP_ACTOR,
      source: 'portal_sign_up',
      input: {
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
      problems,
      within: async (trx, created) => {
        const user = created.users[0]!;
        userId = user.id;
        const termsVersion = await acceptTermsAtSignUp(trx, {
          affiliateId: created.id,
          userId: user.id,
          email: user.email,
          ip: input.ip ?? null,
        });
        await trx
          .updateTable('affiliates')
          .set({
            signup_info: JSON.stringify({
              terms_accepted_at: new Date().toISOString(),
              terms_version: termsVersion,
              ip: input.ip ?? null,
              user_agent: input.userAgent?.slice(0, 512) ?? null,
              referrer_url: input.referrerUrl?.slice(0, 2048) ?? null,
              ref: input.ref ?? null,
              promo_code: promoCode,
            }),
          })
          .where('id', '=', created.id)
          .execute();
        await recordAffiliateEvent(trx, {
          affiliateId: created.id,
          type: 'signed_up',
          userId: user.id,
          actor: { type: 'affiliate_user', id: user.id, name: user.email, ip: input.ip },
          data: { referrer_id: referrer, ...(promoCode ? { promo_code: promoCode } : {}) },
        });
        const message = templates.sign_up_received({ name: first, company: company ?? '' });
        await queueEmail(jobs, trx, { template: 'sign_up_received', to: user.email, ...message });
      },
    });
    return { affiliateId, userId };
  } catch (error) {
    if (error instanceof AppError && error.code === 'validation_failed') {
      const fields = formErrors((error.details as { fields?: FieldError[] })?.fields ?? []);
      const existing = fields.some((f) => f.path === 'email') ? await userByEmail(db, input.email) : null;
      // The other fields are judged as for a new address, so a bad one answers alike either way.
      const others = existing ? fields.filter((f) => f.path !== 'email') : fields;
      if (others.length > 0 || !existing) throw AppError.validation(others);
      await answerTakenAddress({
        db,
        env,
        jobs,
        email: existing.email,
        password: input.password,
        ip: input.ip,
      });
      return null;
    }
    throw error;
  }
}

async function userByEmail(db: Db, email: string) {
  const row = await db
    .selectFrom('affiliate_users')
    .select(['email'])
    .where('email', '=', email.trim().toLowerCase())
    .executeTakeFirst();
  return row ?? null;
}

/**
 * What an application with a taken address does instead of failing: the same slow work as a new
 * one (hashing the password) and one notice to the address's owner, at most once per cooldown.
 * The notice is an event of the owner's affiliate (which the cooldown reads) and an email job,
 * committed together; the user's row is locked so racing applications send one.
 */
async function answerTakenAddress({
  db,
  env,
  jobs,
  email,
  password,
  ip,
}: IdentityDeps & {
  email: string;
  password: string;
  ip: string | null | undefined;
}): Promise<void> {
  await hashPassword(password);
  await inTransaction(db, async (trx) => {
    const user = await trx
      .selectFrom('affiliate_users')
      .select(['id', 'affiliate_id', 'email', 'first_name', 'last_name'])
      .where('email', '=', email)
      .forUpdate()
      .executeTakeFirst();
    if (!user || (await noticeSentRecently(trx, user, env.passwordResetCooldownSeconds))) return;
    await recordAffiliateEvent(trx, {
      affiliateId: user.affiliate_id,
      type: 'sign_up_attempted',
      userId: user.id,
      actor: { ...SIGN_UP_ACTOR, ip },
    });
    const message = templates.sign_up_attempt({
      name: displayName(user),
      signInUrl: links.portalSignIn(env),
    });
    await queueEmail(jobs, trx, { template: 'sign_up_attempt', to: user.email, ...message });
  });
}

async function noticeSentRecently(
  db: Db,
  user: { id: number; affiliate_id: number },
  cooldownSeconds: number,
): Promise<boolean> {
  if (cooldownSeconds === 0) return false;
  const row = await db
    .selectFrom('affiliate_events')
    .select('id')
    .where('affiliate_id', '=', user.affiliate_id)
    .where('affiliate_user_id', '=', user.id)
    .where('type', '=', 'sign_up_attempted')
    .where('created_at', '>', new Date(Date.now() - cooldownSeconds * 1000))
    .executeTakeFirst();
  return row !== undefined;
}
