import { isUniqueViolation } from '../../../db/errors.ts';
import type { Db } from '../../../db/index.ts';
import { inTransaction } from '../../../db/transaction.ts';
import type { Actor } from '../../actor.ts';
import { routesChanged } from '../../clicks/routes-changed.ts';
import { AppError } from '../../errors.ts';
import { recordCatalogChange } from '../catalog-changes.ts';
import type { Brand } from '../types.ts';
import { type BrandInput, checkBrandInput } from './brand-input.ts';

/** Disabling a brand sends its tracking links to the fallback URL until it is enabled again. */
export async function updateBrand({
  db,
  actor,
  id,
  input,
}: {
  db: Db;
  actor: Actor;
  id: number;
  input: BrandInput;
}): Promise<Brand> {
  const values = await checkBrandInput(db, input);
  try {
    return await inTransaction(db, async (trx) => {
      const row = await trx
        .updateTable('brands')
        .set({ ...values, updated_at: new Date() })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirst();
      if (!row) throw AppError.notFound(`brand ${id}`);
      await recordCatalogChange(trx, { entity: 'brand', id, action: 'updated', actor, fields: input });
      await routesChanged(trx, { table: 'brands', id });
      return row;
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', `a brand named "${values.name}" exists`);
    throw error;
  }
}
