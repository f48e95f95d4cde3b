import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { Actor } from '../../actor.ts';
import { recordCatalogChange } from '../catalog-changes.ts';
import type { Scope } from '../types.ts';
import type { CouponCode } from './coupon-code.ts';
import { findCouponCode } from './coupon-code-query.ts';

/**
 * Removes a code no event used. A used one is disabled instead (events that name it from now on
 * are not attributed by it), so the events it attributed keep pointing at a code that exists.
 */
export async function deleteCouponCode(options: {
  db: Db;
  actor: Actor;
  id: number;
  scope?: Scope;
}): Promise<{ deleted: true } | { deleted: false; coupon: CouponCode }> {
  const { actor, id } = options;
  const scope = options.scope ?? {};
  return inTransaction(options.db, async (trx) => {
    const current = await findCouponCode(trx, id, scope, true);
    if (!current.used) {
      await trx.deleteFrom('coupon_codes').where('id', '=', id).execute();
      await recordCatalogChange(trx, { entity: 'coupon_code', id, action: 'deleted', actor });
      return { deleted: true };
    }
    if (current.enabled) {
      await trx
        .updateTable('coupon_codes')
        .set({ enabled: false, updated_at: new Date() })
        .where('id', '=', id)
        .execute();
      await recordCatalogChange(trx, {
        entity: 'coupon_code',
        id,
        action: 'disabled',
        actor,
        fields: { enabled: false },
      });
    }
    return { deleted: false, coupon: await findCouponCode(trx, id, scope) };
  });
}
