import { isUniqueViolation } from '../../../db/errors.ts';
import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { Actor } from '../../actor.ts';
import { AppError } from '../../errors.ts';
import { recordCatalogChange } from '../catalog-changes.ts';
import type { Scope } from '../types.ts';
import type { CouponCode } from './coupon-code.ts';
import { assertCodeFree, codeTaken, couponCodeProblems } from './coupon-code-input.ts';
import { findCouponCode } from './coupon-code-query.ts';
import type { CreateCouponCodeInput } from './create-coupon-code.ts';

export type UpdateCouponCodeInput = Partial<Omit<CreateCouponCodeInput, 'brand_id'>>;

/**
 * Changes the fields given; the brand stays. A code moved to another affiliate leaves its
 * campaign and promo behind unless new ones are given, and a new campaign leaves a promo of
 * another campaign behind. Events attributed before keep their owner.
 */
export async function updateCouponCode(options: {
  db: Db;
  actor: Actor;
  id: number;
  input: UpdateCouponCodeInput;
  scope?: Scope;
}): Promise<CouponCode> {
  const { actor, id, input } = options;
  const scope = options.scope ?? {};
  try {
    return await inTransaction(options.db, async (trx) => {
      const current = await findCouponCode(trx, id, scope, true);
      const affiliateId = input.affiliate_id ?? current.affiliate_id;
      const moved = affiliateId !== current.affiliate_id;
      const newCampaign = input.campaign_id !== undefined && input.campaign_id !== current.campaign_id;
      const promoId =
        input.promo_id !== undefined ? input.promo_id : moved || newCampaign ? null : current.promo_id;
      const campaignId =
        input.campaign_id !== undefined
          ? input.campaign_id
          : moved || input.promo_id !== undefined
            ? null
            : current.campaign_id;
      const state = {
        brand_id: current.brand_id,
        code: input.code !== undefined ? input.code.trim() : current.code,
        affiliate_id: affiliateId,
        campaign_id: campaignId,
        promo_id: promoId,
        campaignGiven: input.campaign_id != null,
        description:
          input.description !== undefined ? input.description?.trim() || null : current.description,
        valid_from: input.valid_from !== undefined ? input.valid_from : current.valid_from,
        valid_until: input.valid_until !== undefined ? input.valid_until : current.valid_until,
        enabled: input.enabled ?? current.enabled,
      };
      const problems = await couponCodeProblems(trx, state, false);
      if (problems.length) throw AppError.validation(problems);
      if (state.code.toLowerCase() !== current.code.toLowerCase())
        await assertCodeFree(trx, state.brand_id, state.code, id);
      const { campaignGiven: _, brand_id: __, ...values } = state;
      await trx
        .updateTable('coupon_codes')
        .set({ ...values, updated_at: new Date() })
        .where('id', '=', id)
        .execute();
      await recordCatalogChange(trx, { entity: 'coupon_code', id, action: 'updated', actor, fields: input });
      return findCouponCode(trx, id, scope);
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw codeTaken(input.code?.trim() ?? '');
    throw error;
  }
}
