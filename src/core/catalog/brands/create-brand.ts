import { isUniqueViolation } from '../../../db/errors.ts';
import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { Actor } from '../../actor.ts';
import { AppError } from '../../errors.ts';
import { recordCatalogChange } from '../catalog-changes.ts';
import type { Brand } from '../types.ts';
import { type BrandInput, checkBrandInput } from './brand-input.ts';

export async function createBrand({
  db,
  actor,
  input,
}: {
  db: Db;
  actor: Actor;
  input: BrandInput & { name: string; base_currency: string };
}): Promise<Brand> {
  const values = await checkBrandInput(db, input);
  try {
    return await inTransaction(db, async (trx) => {
      const brand = await trx
        .insertInto('brands')
        .values({
          name: values.name!,
          base_currency: values.base_currency!,
          tracking_domain: values.tracking_domain ?? null,
          enabled: values.enabled ?? true,
          // Left out, the database's defaults: lifetime, 30 days, masked.
          attribution_binding: values.attribution_binding,
          click_lookback_days: values.click_lookback_days,
          show_customer_ids: values.show_customer_ids,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      await recordCatalogChange(trx, {
        entity: 'brand',
        id: brand.id,
        action: 'created',
        actor,
        fields: input,
      });
      return brand;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', `a brand named "${values.name}" exists`);
    throw error;
  }
}
