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

export interface CreateCouponCodeInput {
  brand_id: number;
  code: string;
  affiliate_id: number;
  campaign_id?: number | null;
  promo_id?: number | null;
  description?: string | null;
  valid_from?: Date | null;
  valid_until?: Date | null;
  enabled?: boolean;
}

/**
 * A coupon code of one affiliate on one brand. A limited manager names only affiliates they
 * manage (requireOperator answers 404 for the others before this runs).
 */
export async function createCouponCode(options: {
  db: Db;
  actor: Actor;
  input: CreateCouponCodeInput;
  scope?: Scope;
}): Promise<CouponCode> {
  const { db, actor, input } = options;
  const state = {
    brand_id: input.brand_id,
    code: input.code.trim(),
    affiliate_id: input.affiliate_id,
    campaign_id: input.campaign_id ?? null,
    promo_id: input.promo_id ?? null,
    campaignGiven: input.campaign_id != null,
    description: input.description?.trim() || null,
    valid_from: input.valid_from ?? null,
    valid_until: input.valid_until ?? null,
    enabled: input.enabled ?? true,
  };
  const problems = await couponCodeProblems(db, state, true);
  if (problems.length) throw AppError.validation(problems);
  try {
    return await inTransaction(db, async (trx) => {
      await assertCodeFree(trx, state.brand_id, state.code);
      const { campaignGiven: _, ...values } = state;
      const row = await trx
        .insertInto('coupon_codes')
        .values(values)
        .returning('id')
        .executeTakeFirstOrThrow();
      await recordCatalogChange(trx, {
        entity: 'coupon_code',
        id: row.id,
        action: 'created',
        actor,
        fields: input,
      });
      return findCouponCode(trx, row.id, options.scope ?? {});
    });
  } catch (error) {
    // Two callers creating the same code at once: the index decides, the loser hears 409 too.
    if (isUniqueViolation(error)) throw codeTaken(state.code);
    throw error;
  }
}
