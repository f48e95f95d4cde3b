import type { Db } from '../../db/index.ts';
import { newCode } from '../clicks/ids.ts';
import { AppError } from '../errors.ts';

/**
 * Sub-affiliate referral links: `<PUBLIC_URL>/r/<code>` redirects to
 * `/portal/signup?ref=<code>`; the sign-up form passes `ref` back and `resolveReferralCode` turns
 * it into the parent affiliate.
 */
export function referralUrl(publicUrl: string, code: string): string {
  return `${publicUrl}/r/${code}`;
}

export function signupUrl(code: string): string {
  return `/portal/signup?ref=${encodeURIComponent(code)}`;
}

/** The affiliate's referral code, made on first use and the same ever after. */
export async function getReferralLink(db: Db, affiliateId: number, publicUrl: string) {
  const affiliate = await db
    .selectFrom('affiliates')
    .select('id')
    .where('id', '=', affiliateId)
    .executeTakeFirst();
  if (!affiliate) throw AppError.notFound(`affiliate ${affiliateId}`);
  await db
    .insertInto('affiliate_referral_codes')
    .values({ affiliate_id: affiliateId, code: newCode(10) })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const row = await db
    .selectFrom('affiliate_referral_codes')
    .select('code')
    .where('affiliate_id', '=', affiliateId)
    .executeTakeFirstOrThrow();
  return { affiliate_id: affiliateId, code: row.code, url: referralUrl(publicUrl, row.code) };
}

/** The parent affiliate of a sign-up that arrived with `?ref=<code>`, when it can still refer. */
export async function resolveReferralCode(db: Db, code: string): Promise<number | null> {
  const row = await db
    .selectFrom('affiliate_referral_codes')
    .innerJoin('affiliates', 'affiliates.id', 'affiliate_referral_codes.affiliate_id')
    .select('affiliates.id')
    .where('affiliate_referral_codes.code', '=', code.trim().toLowerCase())
    .where('affiliates.status', '=', 'active')
    .executeTakeFirst();
  return row?.id ?? null;
}
