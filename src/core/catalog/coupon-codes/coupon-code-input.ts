// @internal: only core/catalog imports this file.
import { sql } from 'kysely';
import type { Db } from '../../../db/index.ts';
import { AppError, type FieldError } from '../../errors.ts';

export const MAX_CODE_LENGTH = 64;
const CODE = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** A coupon code's fields once merged with what it was: what is checked and written. */
export interface CouponCodeState {
  brand_id: number;
  code: string;
  affiliate_id: number;
  campaign_id: number | null;
  promo_id: number | null;
  /** Whether the caller named the campaign, or it was kept or taken from the promo. */
  campaignGiven: boolean;
  description: string | null;
  valid_from: Date | null;
  valid_until: Date | null;
  enabled: boolean;
}

/**
 * Every problem of a coupon code's fields, in one list. A campaign or promo must be the
 * affiliate's own on the code's brand; a promo given alone brings its campaign.
 */
export async function couponCodeProblems(
  db: Db,
  state: CouponCodeState,
  checkBrand: boolean,
): Promise<FieldError[]> {
  const problems: FieldError[] = [];
  if (!state.code) problems.push({ path: 'code', message: 'is required' });
  else if (state.code.length > MAX_CODE_LENGTH)
    problems.push({ path: 'code', message: `must be at most ${MAX_CODE_LENGTH} characters` });
  else if (!CODE.test(state.code))
    problems.push({
      path: 'code',
      message: 'use letters, digits, dots, dashes and underscores only, starting with a letter or digit',
    });
  const [brand, affiliate, campaign, promo] = await Promise.all([
    checkBrand
      ? db.selectFrom('brands').select('id').where('id', '=', state.brand_id).executeTakeFirst()
      : { id: state.brand_id },
    db.selectFrom('affiliates').select('id').where('id', '=', state.affiliate_id).executeTakeFirst(),
    state.campaign_id === null
      ? null
      : db
          .selectFrom('campaigns')
          .select(['id', 'affiliate_id', 'brand_id'])
          .where('id', '=', state.campaign_id)
          .executeTakeFirst(),
    state.promo_id === null
      ? null
      : db
          .selectFrom('promos')
          .select(['id', 'affiliate_id', 'brand_id', 'campaign_id'])
          .where('id', '=', state.promo_id)
          .executeTakeFirst(),
  ]);
  if (!brand) problems.push({ path: 'brand_id', message: `brand ${state.brand_id} does not exist` });
  if (!affiliate)
    problems.push({ path: 'affiliate_id', message: `affiliate ${state.affiliate_id} does not exist` });
  const theirs = (row: { affiliate_id: number; brand_id: number } | null | undefined) =>
    !!row && row.affiliate_id === state.affiliate_id && row.brand_id === state.brand_id;
  if (state.promo_id !== null) {
    if (!theirs(promo))
      problems.push({ path: 'promo_id', message: "choose one of the affiliate's promos for this brand" });
    else if (state.campaignGiven && state.campaign_id !== null && state.campaign_id !== promo?.campaign_id)
      problems.push({ path: 'campaign_id', message: `must be the campaign of promo ${state.promo_id}` });
    else state.campaign_id = promo?.campaign_id ?? null;
  }
  if (state.campaign_id !== null && state.promo_id === null && !theirs(campaign))
    problems.push({ path: 'campaign_id', message: "choose one of the affiliate's campaigns for this brand" });
  if (state.valid_from && state.valid_until && state.valid_until <= state.valid_from)
    problems.push({ path: 'valid_until', message: 'must be after valid_from' });
  return problems;
}

/** Codes are unique per brand whatever their case: a taken one is a 409 naming `code`. */
export async function assertCodeFree(db: Db, brandId: number, code: string, exceptId?: number) {
  let query = db
    .selectFrom('coupon_codes')
    .select('code')
    .where('brand_id', '=', brandId)
    .where(sql<string>`lower(code)`, '=', code.toLowerCase());
  if (exceptId !== undefined) query = query.where('id', '!=', exceptId);
  const taken = await query.executeTakeFirst();
  if (taken) throw codeTaken(taken.code);
}

export function codeTaken(code: string): AppError {
  const message = `is taken: the brand already has the coupon code ${code}`;
  return new AppError('conflict', `code: ${message}`, { fields: [{ path: 'code', message }] });
}
