import type { Db } from '../../db/index.ts';
import { AppError } from '../errors.ts';
import { type BrandInput, checkBrandInput } from './brand-input.ts';
import { isUniqueViolation } from './db-errors.ts';
import type { Brand } from './types.ts';

/** Disabling a brand sends its tracking links to the fallback URL until it is enabled again. */
export async function updateBrand(db: Db, id: number, input: BrandInput): Promise<Brand> {
  const values = await checkBrandInput(db, input);
  try {
    const row = await db
      .updateTable('brands')
      .set({ ...values, updated_at: new Date() })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirst();
    if (!row) throw AppError.notFound(`brand ${id}`);
    return row;
  } catch (error) {
    if (isUniqueViolation(error)) throw new AppError('conflict', `a brand named "${values.name}" exists`);
    throw error;
  }
}
